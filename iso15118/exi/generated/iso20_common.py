"""EXI grammar tables for iso15118_20/V2G_CI_CommonMessages.xsd. GENERATED, do not edit.

Regenerate with `python -m iso15118.exi.generate SCHEMAS_DIR` (see docs/exi.md).
STATES: (escape, productions); production: (event kind, qname index,
datatype index, next state, element grammar state, is-list flag).
"""

QNAMES = (
    ("urn:iso:std:iso:15118:-20:CommonTypes", "Header"),
    ("", "Algorithm"),
    ("http://www.w3.org/2000/09/xmldsig#", "P"),
    ("http://www.w3.org/2000/09/xmldsig#", "G"),
    ("http://www.w3.org/2000/09/xmldsig#", "Y"),
    ("", "Id"),
    ("http://www.w3.org/2000/09/xmldsig#", "KeyName"),
    ("http://www.w3.org/2000/09/xmldsig#", "KeyValue"),
    ("http://www.w3.org/2000/09/xmldsig#", "RetrievalMethod"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509Data"),
    ("http://www.w3.org/2000/09/xmldsig#", "PGPData"),
    ("http://www.w3.org/2000/09/xmldsig#", "SPKIData"),
    ("http://www.w3.org/2000/09/xmldsig#", "MgmtData"),
    ("http://www.w3.org/2000/09/xmldsig#", "DSAKeyValue"),
    ("http://www.w3.org/2000/09/xmldsig#", "RSAKeyValue"),
    ("http://www.w3.org/2000/09/xmldsig#", "Reference"),
    ("", "Encoding"),
    ("", "MimeType"),
    ("http://www.w3.org/2000/09/xmldsig#", "PGPKeyID"),
    ("http://www.w3.org/2000/09/xmldsig#", "PGPKeyPacket"),
    ("http://www.w3.org/2000/09/xmldsig#", "Modulus"),
    ("", "Type"),
    ("", "URI"),
    ("http://www.w3.org/2000/09/xmldsig#", "Transforms"),
    ("http://www.w3.org/2000/09/xmldsig#", "DigestMethod"),
    ("http://www.w3.org/2000/09/xmldsig#", "SPKISexp"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignedInfo"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignatureProperty"),
    ("", "Target"),
    ("http://www.w3.org/2000/09/xmldsig#", "CanonicalizationMethod"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Id"),
    ("http://www.w3.org/2000/09/xmldsig#", "Transform"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509IssuerSerial"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509SKI"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509SubjectName"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509Certificate"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509CRL"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AuthorizationReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AuthorizationRes"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AuthorizationSetupReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AuthorizationSetupRes"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "CLReqControlMode"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "CLResControlMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "CertificateInstallationReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "CertificateInstallationRes"),
    ("http://www.w3.org/2000/09/xmldsig#", "DigestValue"),
    ("http://www.w3.org/2000/09/xmldsig#", "KeyInfo"),
    ("http://www.w3.org/2000/09/xmldsig#", "Manifest"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "MeteringConfirmationReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "MeteringConfirmationRes"),
    ("http://www.w3.org/2000/09/xmldsig#", "Object"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PowerDeliveryReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PowerDeliveryRes"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ScheduleExchangeReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ScheduleExchangeRes"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceDetailReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceDetailRes"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceDiscoveryReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceDiscoveryRes"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceSelectionReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceSelectionRes"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SessionSetupReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SessionSetupRes"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SessionStopReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SessionStopRes"),
    ("http://www.w3.org/2000/09/xmldsig#", "Signature"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignatureMethod"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignatureProperties"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignatureValue"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SignedInstallationData"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SignedMeteringData"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "VehicleCheckInReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "VehicleCheckInRes"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "VehicleCheckOutReq"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "VehicleCheckOutRes"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AbsolutePriceSchedule"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "AckMaxDelay"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AdditionalSelectedServices"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AdditionalService"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "AdditionalServicesCosts"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "Amount"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AppliesMinimumMaximumCost"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AppliesToEnergyFee"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AppliesToOverstayFee"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AppliesToParkingFee"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AuthorizationServices"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "AvailableEnergy"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "BPT_ChannelSelection"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "BPT_DischargedEnergyReadingWh"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "BPT_InductiveEnergyReadingVARh"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "BatteryEnergyCapacity"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "CPSCertificateChain"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "CapacitiveEnergyReadingVARh"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "CarbonDioxideEmission"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Certificate"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "CertificateInstallationService"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ChargeProgress"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "ChargedEnergyReadingWh"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "ChargingComplete"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ChargingSchedule"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ChargingSession"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "CheckOutTime"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ContractCertificateChain"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "CostPerUnit"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Currency"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "DHPublicKey"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "DepartureTime"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "DepartureTime"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "DeviceLocation"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "DeviceOffset"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "DischargingSchedule"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "DisplayParameters"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Duration"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Dynamic_EVPPTControlMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Dynamic_SEReqControlMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Dynamic_SEResControlMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Dynamic_SMDTControlMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ECDHCurve"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EIM_AReqAuthorizationMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EIM_ASResAuthorizationMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EMAID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVAbsolutePriceSchedule"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVCCID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVCheckInStatus"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVCheckOutStatus"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVEnergyOffer"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVMaximumEnergyRequest"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "EVMaximumEnergyRequest"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVMaximumV2XEnergyRequest"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVMinimumEnergyRequest"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "EVMinimumEnergyRequest"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVMinimumV2XEnergyRequest"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVPowerProfile"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVPowerProfileEntries"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVPowerProfileEntry"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVPowerSchedule"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVPowerScheduleEntries"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVPowerScheduleEntry"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVPriceRule"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVPriceRuleStack"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVPriceRuleStacks"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVProcessing"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVSECheckOutStatus"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVSEID"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "EVSENotification"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVSEProcessing"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVSEStatus"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "EVSEStatus"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVTargetEnergyRequest"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "EVTargetEnergyRequest"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVTerminationCode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EVTerminationExplanation"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "EnergyCosts"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EnergyFee"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "EnergyTransferServiceList"),
    ("http://www.w3.org/2000/09/xmldsig#", "Exponent"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "Exponent"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "FreeService"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "GenChallenge"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "GoToPause"),
    ("http://www.w3.org/2000/09/xmldsig#", "HMACOutputLength"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "InletHot"),
    ("http://www.w3.org/2000/09/xmldsig#", "J"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Language"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ListOfRootCertificateIDs"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "MaximumContractCertificateChains"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "MaximumCost"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "MaximumSOC"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "MaximumSupportingPoints"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "MeterID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "MeterInfo"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "MeterInfo"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "MeterInfoRequested"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "MeterSignature"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "MeterStatus"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "MeterTimestamp"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "MinimumCost"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "MinimumSOC"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "MinimumSOC"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "NotificationMaxDelay"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "NumberOfPriceLevels"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "OEMProvisioningCertificateChain"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "OccupancyCosts"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "OverstayCosts"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "OverstayFee"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "OverstayFeePeriod"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "OverstayPowerThreshold"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "OverstayRule"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "OverstayRuleDescription"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "OverstayRules"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "OverstayTimeThreshold"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Parameter"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ParameterSet"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ParameterSetID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ParkingFee"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ParkingFeePeriod"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ParkingMethod"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ParkingSpace"),
    ("http://www.w3.org/2000/09/xmldsig#", "PgenCounter"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PnC_AReqAuthorizationMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PnC_ASResAuthorizationMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Power"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PowerRangeStart"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PowerSchedule"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PowerScheduleEntries"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PowerScheduleEntry"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PowerTolerance"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PowerToleranceAcceptance"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Power_L2"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Power_L3"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "PresentSOC"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceAlgorithm"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceLevel"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceLevelSchedule"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceLevelScheduleEntries"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceLevelScheduleEntry"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceRule"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceRuleStack"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceRuleStacks"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceScheduleDescription"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PriceScheduleID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "PrioritizedEMAIDs"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ProviderID"),
    ("http://www.w3.org/2000/09/xmldsig#", "Q"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Receipt"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "Receipt"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "RemainingContractCertificateChains"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "RemainingTimeToMaximumSOC"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "RemainingTimeToMinimumSOC"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "RemainingTimeToTargetSOC"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "RenewableGenerationPercentage"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "ResponseCode"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "RootCertificateID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SECP521_EncryptedPrivateKey"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ScheduleTuple"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ScheduleTupleID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Scheduled_EVPPTControlMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Scheduled_SEReqControlMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Scheduled_SEResControlMode"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Scheduled_SMDTControlMode"),
    ("http://www.w3.org/2000/09/xmldsig#", "Seed"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SelectedAuthorizationService"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SelectedEnergyTransferService"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SelectedScheduleTupleID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SelectedService"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SelectedVASList"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Service"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceFee"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceName"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceParameterList"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "ServiceRenegotiationSupported"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SessionID"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "SessionID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "StartTime"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SubCertificates"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SupportedProviders"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "SupportedServiceIDs"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TPM_EncryptedPrivateKey"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TargetDistance"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TargetOffsetX"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TargetOffsetY"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TargetSOC"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "TargetSOC"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "TaxCosts"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TaxIncludedInPrice"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TaxRate"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TaxRule"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TaxRuleID"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "TaxRuleID"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TaxRuleName"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TaxRules"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "TimeAnchor"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "TimeAnchor"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "TimeStamp"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "VASList"),
    ("urn:iso:std:iso:15118:-20:CommonTypes", "Value"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "VehicleFrame"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "VehicleTravel"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "X448_EncryptedPrivateKey"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509IssuerName"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509SerialNumber"),
    ("http://www.w3.org/2000/09/xmldsig#", "XPath"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "boolValue"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "byteValue"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "finiteString"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "intValue"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "rationalNumber"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "shortValue"),
    ("urn:iso:std:iso:15118:-20:CommonMessages", "Name"),
)

DATATYPES = (
    ("string", None, None, (), None, None),
    ("base64", None, None, (), None, None),
    ("string", None, None, (), None, 80),
    ("unsigned", 0, 65535, (), None, None),
    ("boolean", None, None, (), None, None),
    ("enum", None, None, ("EIM", "PnC"), None, None),
    ("enum", None, None, ("Charge", "Discharge"), None, None),
    ("unsigned", 0, 18446744073709551615, (), None, None),
    ("base64", None, None, (), None, 1600),
    ("enum", None, None, ("Start", "Stop", "Standby", "ScheduleRenegotiation"), None, None),
    ("enum", None, None, ("Pause", "Terminate", "ServiceRenegotiation"), None, None),
    ("string", None, None, (), None, 3),
    ("base64", None, None, (), 133, 133),
    ("unsigned", 0, 4294967295, (), None, None),
    ("integer", -32768, 32767, (), None, None),
    ("enum", None, None, ("SECP521", "X448"), None, None),
    ("string", None, None, (), None, 255),
    ("enum", None, None, ("CheckIn", "Processing", "Completed"), None, None),
    ("enum", None, None, ("CheckOut", "Processing", "Completed"), None, None),
    (
        "enum",
        None,
        None,
        ("Finished", "Ongoing", "Ongoing_WaitingForCustomerInteraction"),
        None,
        None,
    ),
    ("enum", None, None, ("Scheduled", "Completed"), None, None),
    (
        "enum",
        None,
        None,
        (
            "Pause",
            "ExitStandby",
            "Terminate",
            "ScheduleRenegotiation",
            "ServiceRenegotiation",
            "MeteringConfirmation",
        ),
        None,
        None,
    ),
    ("string", None, None, (), None, 160),
    ("nbit", -128, 127, (), None, None),
    ("base64", None, None, (), 16, 16),
    ("integer", None, None, (), None, None),
    ("nbit", 0, 255, (), None, None),
    ("nbit", 0, 100, (), None, None),
    ("nbit", 12, 1024, (), None, None),
    ("string", None, None, (), None, 32),
    ("base64", None, None, (), None, 64),
    ("enum", None, None, ("AutoParking", "MVGuideManual", "Manual"), None, None),
    ("enum", None, None, ("PowerToleranceNotConfirmed", "PowerToleranceConfirmed"), None, None),
    ("unsigned", 1, 4294967295, (), None, None),
    (
        "enum",
        None,
        None,
        (
            "OK",
            "OK_CertificateExpiresSoon",
            "OK_NewSessionEstablished",
            "OK_OldSessionJoined",
            "OK_PowerToleranceConfirmed",
            "WARNING_AuthorizationSelectionInvalid",
            "WARNING_CertificateExpired",
            "WARNING_CertificateNotYetValid",
            "WARNING_CertificateRevoked",
            "WARNING_CertificateValidationError",
            "WARNING_ChallengeInvalid",
            "WARNING_EIMAuthorizationFailure",
            "WARNING_eMSPUnknown",
            "WARNING_EVPowerProfileViolation",
            "WARNING_GeneralPnCAuthorizationError",
            "WARNING_NoCertificateAvailable",
            "WARNING_NoContractMatchingPCIDFound",
            "WARNING_PowerToleranceNotConfirmed",
            "WARNING_ScheduleRenegotiationFailed",
            "WARNING_StandbyNotAllowed",
            "WARNING_WPT",
            "FAILED",
            "FAILED_AssociationError",
            "FAILED_ContactorError",
            "FAILED_EVPowerProfileInvalid",
            "FAILED_EVPowerProfileViolation",
            "FAILED_MeteringSignatureNotValid",
            "FAILED_NoEnergyTransferServiceSelected",
            "FAILED_NoServiceRenegotiationSupported",
            "FAILED_PauseNotAllowed",
            "FAILED_PowerDeliveryNotApplied",
            "FAILED_PowerToleranceNotConfirmed",
            "FAILED_ScheduleRenegotiation",
            "FAILED_ScheduleSelectionInvalid",
            "FAILED_SequenceError",
            "FAILED_ServiceIDInvalid",
            "FAILED_ServiceSelectionInvalid",
            "FAILED_SignatureError",
            "FAILED_UnknownSession",
            "FAILED_WrongChargeParameter",
        ),
        None,
        None,
    ),
    ("base64", None, None, (), 94, 94),
    ("hex", None, None, (), 8, 8),
    ("base64", None, None, (), 206, 206),
    ("base64", None, None, (), 84, 84),
    ("integer", -2147483648, 2147483647, (), None, None),
)

STATES = (
    # state 0
    (0, ()),
    # state 1
    (1, ((0, 0, -1, 166, 112, 0),)),
    # state 2
    (1, ((0, 0, -1, 170, 112, 0),)),
    # state 3
    (1, ((0, 0, -1, 173, 112, 0),)),
    # state 4
    (1, ((0, 0, -1, 174, 112, 0),)),
    # state 5
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 6
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 7
    (1, ((1, 1, 0, 181, -1, 0),)),
    # state 8
    (1, ((0, 0, -1, 184, 112, 0),)),
    # state 9
    (1, ((0, 0, -1, 189, 112, 0),)),
    # state 10
    (
        1,
        (
            (0, 2, -1, 195, 108, 0),
            (0, 3, -1, 196, 108, 0),
            (0, 4, -1, 197, 108, 0),
        ),
    ),
    # state 11
    (1, ((1, 1, 0, 202, -1, 0),)),
    # state 12
    (1, ((2, -1, 1, 205, -1, 0),)),
    # state 13
    (
        1,
        (
            (1, 5, 0, 206, -1, 0),
            (0, 6, -1, 207, 14, 1),
            (0, 7, -1, 208, 15, 1),
            (0, 8, -1, 209, 25, 1),
            (0, 9, -1, 210, 53, 1),
            (0, 10, -1, 211, 20, 1),
            (0, 11, -1, 212, 26, 1),
            (0, 12, -1, 213, 14, 1),
            (4, -1, -1, 214, -1, 0),
            (6, -1, -1, 215, -1, 0),
        ),
    ),
    # state 14
    (1, ((2, -1, 0, 224, -1, 0),)),
    # state 15
    (
        1,
        (
            (0, 13, -1, 225, 10, 0),
            (0, 14, -1, 226, 23, 0),
            (4, -1, -1, 227, -1, 0),
            (6, -1, -1, 228, -1, 0),
        ),
    ),
    # state 16
    (
        1,
        (
            (1, 5, 0, 229, -1, 0),
            (0, 15, -1, 230, 24, 1),
        ),
    ),
    # state 17
    (1, ((0, 0, -1, 232, 112, 0),)),
    # state 18
    (1, ((0, 0, -1, 234, 112, 0),)),
    # state 19
    (
        1,
        (
            (1, 16, 0, 236, -1, 0),
            (1, 5, 0, 237, -1, 0),
            (1, 17, 0, 238, -1, 0),
            (4, -1, -1, 239, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 240, -1, 0),
        ),
    ),
    # state 20
    (
        1,
        (
            (0, 18, -1, 241, 124, 0),
            (0, 19, -1, 242, 124, 1),
        ),
    ),
    # state 21
    (1, ((0, 0, -1, 246, 112, 0),)),
    # state 22
    (1, ((0, 0, -1, 251, 112, 0),)),
    # state 23
    (1, ((0, 20, -1, 254, 108, 0),)),
    # state 24
    (
        1,
        (
            (1, 5, 0, 256, -1, 0),
            (1, 21, 0, 257, -1, 0),
            (1, 22, 0, 258, -1, 0),
            (0, 23, -1, 259, 48, 0),
            (0, 24, -1, 260, 11, 0),
        ),
    ),
    # state 25
    (
        1,
        (
            (1, 21, 0, 262, -1, 0),
            (1, 22, 0, 263, -1, 0),
            (0, 23, -1, 264, 48, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 26
    (1, ((0, 25, -1, 265, 124, 1),)),
    # state 27
    (1, ((0, 0, -1, 269, 112, 0),)),
    # state 28
    (1, ((0, 0, -1, 273, 112, 0),)),
    # state 29
    (1, ((0, 0, -1, 279, 112, 0),)),
    # state 30
    (1, ((0, 0, -1, 281, 112, 0),)),
    # state 31
    (1, ((0, 0, -1, 285, 112, 0),)),
    # state 32
    (1, ((0, 0, -1, 287, 112, 0),)),
    # state 33
    (1, ((0, 0, -1, 292, 112, 0),)),
    # state 34
    (1, ((0, 0, -1, 295, 112, 0),)),
    # state 35
    (1, ((0, 0, -1, 297, 112, 0),)),
    # state 36
    (1, ((0, 0, -1, 299, 112, 0),)),
    # state 37
    (1, ((0, 0, -1, 302, 112, 0),)),
    # state 38
    (1, ((0, 0, -1, 306, 112, 0),)),
    # state 39
    (
        1,
        (
            (1, 5, 0, 308, -1, 0),
            (0, 26, -1, 309, 44, 0),
        ),
    ),
    # state 40
    (1, ((1, 1, 0, 313, -1, 0),)),
    # state 41
    (
        1,
        (
            (1, 5, 0, 317, -1, 0),
            (0, 27, -1, 318, 42, 1),
        ),
    ),
    # state 42
    (
        1,
        (
            (1, 5, 0, 320, -1, 0),
            (1, 28, 0, 321, -1, 0),
        ),
    ),
    # state 43
    (
        1,
        (
            (1, 5, 0, 325, -1, 0),
            (2, -1, 1, 326, -1, 0),
        ),
    ),
    # state 44
    (
        1,
        (
            (1, 5, 0, 327, -1, 0),
            (0, 29, -1, 328, 7, 0),
        ),
    ),
    # state 45
    (1, ((1, 30, 0, 332, -1, 0),)),
    # state 46
    (1, ((1, 30, 0, 339, -1, 0),)),
    # state 47
    (1, ((1, 1, 0, 345, -1, 0),)),
    # state 48
    (1, ((0, 31, -1, 349, 47, 1),)),
    # state 49
    (1, ((0, 0, -1, 351, 112, 0),)),
    # state 50
    (1, ((0, 0, -1, 357, 112, 0),)),
    # state 51
    (1, ((0, 0, -1, 362, 112, 0),)),
    # state 52
    (1, ((0, 0, -1, 365, 112, 0),)),
    # state 53
    (
        1,
        (
            (0, 32, -1, 368, 144, 1),
            (0, 33, -1, 369, 124, 1),
            (0, 34, -1, 370, 14, 1),
            (0, 35, -1, 371, 124, 1),
            (0, 36, -1, 372, 124, 1),
            (4, -1, -1, 373, -1, 0),
        ),
    ),
    # state 54
    (
        0,
        (
            (0, 37, -1, 55, 1, 0),
            (0, 38, -1, 55, 2, 0),
            (0, 39, -1, 55, 3, 0),
            (0, 40, -1, 55, 4, 0),
            (0, 41, -1, 55, 5, 0),
            (0, 42, -1, 55, 6, 0),
            (0, 29, -1, 55, 7, 0),
            (0, 43, -1, 55, 8, 0),
            (0, 44, -1, 55, 9, 0),
            (0, 13, -1, 55, 10, 0),
            (0, 24, -1, 55, 11, 0),
            (0, 45, -1, 55, 12, 0),
            (0, 46, -1, 55, 13, 0),
            (0, 6, -1, 55, 14, 0),
            (0, 7, -1, 55, 15, 0),
            (0, 47, -1, 55, 16, 0),
            (0, 48, -1, 55, 17, 0),
            (0, 49, -1, 55, 18, 0),
            (0, 12, -1, 55, 14, 0),
            (0, 50, -1, 55, 19, 0),
            (0, 10, -1, 55, 20, 0),
            (0, 51, -1, 55, 21, 0),
            (0, 52, -1, 55, 22, 0),
            (0, 14, -1, 55, 23, 0),
            (0, 15, -1, 55, 24, 0),
            (0, 8, -1, 55, 25, 0),
            (0, 11, -1, 55, 26, 0),
            (0, 53, -1, 55, 27, 0),
            (0, 54, -1, 55, 28, 0),
            (0, 55, -1, 55, 29, 0),
            (0, 56, -1, 55, 30, 0),
            (0, 57, -1, 55, 31, 0),
            (0, 58, -1, 55, 32, 0),
            (0, 59, -1, 55, 33, 0),
            (0, 60, -1, 55, 34, 0),
            (0, 61, -1, 55, 35, 0),
            (0, 62, -1, 55, 36, 0),
            (0, 63, -1, 55, 37, 0),
            (0, 64, -1, 55, 38, 0),
            (0, 65, -1, 55, 39, 0),
            (0, 66, -1, 55, 40, 0),
            (0, 67, -1, 55, 41, 0),
            (0, 27, -1, 55, 42, 0),
            (0, 68, -1, 55, 43, 0),
            (0, 26, -1, 55, 44, 0),
            (0, 69, -1, 55, 45, 0),
            (0, 70, -1, 55, 46, 0),
            (0, 31, -1, 55, 47, 0),
            (0, 23, -1, 55, 48, 0),
            (0, 71, -1, 55, 49, 0),
            (0, 72, -1, 55, 50, 0),
            (0, 73, -1, 55, 51, 0),
            (0, 74, -1, 55, 52, 0),
            (0, 9, -1, 55, 53, 0),
            (4, -1, -1, 55, -1, 0),
        ),
    ),
    # state 55
    (0, ((7, -1, -1, -1, -1, 0),)),
    # state 56
    (
        0,
        (
            (0, 75, -1, 56, 59, 0),
            (0, 76, -1, 56, 60, 0),
            (0, 77, -1, 56, 61, 0),
            (0, 78, -1, 56, 62, 0),
            (0, 79, -1, 56, 63, 0),
            (0, 80, -1, 56, 64, 0),
            (0, 81, -1, 56, 65, 0),
            (0, 82, -1, 56, 65, 0),
            (0, 83, -1, 56, 65, 0),
            (0, 84, -1, 56, 65, 0),
            (0, 37, -1, 56, 1, 0),
            (0, 38, -1, 56, 2, 0),
            (0, 85, -1, 56, 66, 0),
            (0, 39, -1, 56, 3, 0),
            (0, 40, -1, 56, 4, 0),
            (0, 86, -1, 56, 64, 0),
            (0, 87, -1, 56, 67, 0),
            (0, 88, -1, 56, 68, 0),
            (0, 89, -1, 56, 68, 0),
            (0, 90, -1, 56, 64, 0),
            (0, 41, -1, 56, 5, 0),
            (0, 42, -1, 56, 6, 0),
            (0, 91, -1, 56, 69, 0),
            (0, 29, -1, 56, 7, 0),
            (0, 92, -1, 56, 68, 0),
            (0, 93, -1, 56, 60, 0),
            (0, 94, -1, 56, 70, 0),
            (0, 43, -1, 56, 8, 0),
            (0, 44, -1, 56, 9, 0),
            (0, 95, -1, 56, 65, 0),
            (0, 96, -1, 56, 71, 0),
            (0, 97, -1, 56, 68, 0),
            (0, 98, -1, 56, 65, 0),
            (0, 99, -1, 56, 72, 0),
            (0, 100, -1, 56, 73, 0),
            (0, 101, -1, 56, 68, 0),
            (0, 102, -1, 56, 74, 0),
            (0, 103, -1, 56, 64, 0),
            (0, 104, -1, 56, 75, 0),
            (0, 105, -1, 56, 76, 0),
            (0, 13, -1, 56, 10, 0),
            (0, 106, -1, 56, 77, 0),
            (0, 107, -1, 56, 77, 0),
            (0, 108, -1, 56, 78, 0),
            (0, 109, -1, 56, 78, 0),
            (0, 24, -1, 56, 11, 0),
            (0, 45, -1, 56, 12, 0),
            (0, 110, -1, 56, 72, 0),
            (0, 111, -1, 56, 79, 0),
            (0, 112, -1, 56, 77, 0),
            (0, 113, -1, 56, 80, 0),
            (0, 114, -1, 56, 81, 0),
            (0, 115, -1, 56, 82, 0),
            (0, 116, -1, 56, 83, 0),
            (0, 117, -1, 56, 84, 0),
            (0, 118, -1, 56, 85, 0),
            (0, 119, -1, 56, 86, 0),
            (0, 120, -1, 56, 87, 0),
            (0, 121, -1, 56, 88, 0),
            (0, 122, -1, 56, 87, 0),
            (0, 123, -1, 56, 89, 0),
            (0, 124, -1, 56, 90, 0),
            (0, 125, -1, 56, 91, 0),
            (0, 126, -1, 56, 64, 0),
            (0, 127, -1, 56, 64, 0),
            (0, 128, -1, 56, 64, 0),
            (0, 129, -1, 56, 64, 0),
            (0, 130, -1, 56, 64, 0),
            (0, 131, -1, 56, 64, 0),
            (0, 132, -1, 56, 92, 0),
            (0, 133, -1, 56, 93, 0),
            (0, 134, -1, 56, 94, 0),
            (0, 135, -1, 56, 95, 0),
            (0, 136, -1, 56, 96, 0),
            (0, 137, -1, 56, 97, 0),
            (0, 138, -1, 56, 98, 0),
            (0, 139, -1, 56, 99, 0),
            (0, 140, -1, 56, 100, 0),
            (0, 141, -1, 56, 101, 0),
            (0, 142, -1, 56, 102, 0),
            (0, 143, -1, 56, 87, 0),
            (0, 144, -1, 56, 103, 0),
            (0, 145, -1, 56, 101, 0),
            (0, 146, -1, 56, 104, 0),
            (0, 147, -1, 56, 104, 0),
            (0, 148, -1, 56, 64, 0),
            (0, 149, -1, 56, 64, 0),
            (0, 150, -1, 56, 105, 0),
            (0, 151, -1, 56, 106, 0),
            (0, 152, -1, 56, 63, 0),
            (0, 153, -1, 56, 64, 0),
            (0, 154, -1, 56, 107, 0),
            (0, 155, -1, 56, 108, 0),
            (0, 156, -1, 56, 109, 0),
            (0, 157, -1, 56, 65, 0),
            (0, 3, -1, 56, 108, 0),
            (0, 158, -1, 56, 110, 0),
            (0, 159, -1, 56, 65, 0),
            (0, 160, -1, 56, 111, 0),
            (0, 0, -1, 56, 112, 0),
            (0, 161, -1, 56, 65, 0),
            (0, 162, -1, 56, 108, 0),
            (0, 46, -1, 56, 13, 0),
            (0, 6, -1, 56, 14, 0),
            (0, 7, -1, 56, 15, 0),
            (0, 163, -1, 56, 113, 0),
            (0, 164, -1, 56, 114, 0),
            (0, 47, -1, 56, 16, 0),
            (0, 165, -1, 56, 115, 0),
            (0, 166, -1, 56, 64, 0),
            (0, 167, -1, 56, 116, 0),
            (0, 168, -1, 56, 117, 0),
            (0, 169, -1, 56, 118, 0),
            (0, 170, -1, 56, 119, 0),
            (0, 171, -1, 56, 119, 0),
            (0, 172, -1, 56, 65, 0),
            (0, 173, -1, 56, 120, 0),
            (0, 174, -1, 56, 78, 0),
            (0, 175, -1, 56, 68, 0),
            (0, 48, -1, 56, 17, 0),
            (0, 49, -1, 56, 18, 0),
            (0, 12, -1, 56, 14, 0),
            (0, 176, -1, 56, 64, 0),
            (0, 177, -1, 56, 116, 0),
            (0, 178, -1, 56, 116, 0),
            (0, 20, -1, 56, 108, 0),
            (0, 179, -1, 56, 60, 0),
            (0, 180, -1, 56, 115, 0),
            (0, 181, -1, 56, 121, 0),
            (0, 50, -1, 56, 19, 0),
            (0, 182, -1, 56, 63, 0),
            (0, 183, -1, 56, 63, 0),
            (0, 184, -1, 56, 64, 0),
            (0, 185, -1, 56, 77, 0),
            (0, 186, -1, 56, 64, 0),
            (0, 187, -1, 56, 122, 0),
            (0, 188, -1, 56, 106, 0),
            (0, 189, -1, 56, 123, 0),
            (0, 190, -1, 56, 77, 0),
            (0, 2, -1, 56, 108, 0),
            (0, 10, -1, 56, 20, 0),
            (0, 18, -1, 56, 124, 0),
            (0, 19, -1, 56, 124, 0),
            (0, 191, -1, 56, 125, 0),
            (0, 192, -1, 56, 126, 0),
            (0, 193, -1, 56, 127, 0),
            (0, 194, -1, 56, 64, 0),
            (0, 195, -1, 56, 77, 0),
            (0, 196, -1, 56, 128, 0),
            (0, 197, -1, 56, 78, 0),
            (0, 198, -1, 56, 108, 0),
            (0, 199, -1, 56, 129, 0),
            (0, 200, -1, 56, 130, 0),
            (0, 201, -1, 56, 64, 0),
            (0, 51, -1, 56, 21, 0),
            (0, 52, -1, 56, 22, 0),
            (0, 202, -1, 56, 64, 0),
            (0, 203, -1, 56, 131, 0),
            (0, 204, -1, 56, 132, 0),
            (0, 205, -1, 56, 94, 0),
            (0, 206, -1, 56, 64, 0),
            (0, 207, -1, 56, 133, 0),
            (0, 208, -1, 56, 64, 0),
            (0, 209, -1, 56, 64, 0),
            (0, 210, -1, 56, 116, 0),
            (0, 211, -1, 56, 87, 0),
            (0, 212, -1, 56, 115, 0),
            (0, 213, -1, 56, 134, 0),
            (0, 214, -1, 56, 135, 0),
            (0, 215, -1, 56, 136, 0),
            (0, 216, -1, 56, 137, 0),
            (0, 217, -1, 56, 138, 0),
            (0, 218, -1, 56, 139, 0),
            (0, 219, -1, 56, 106, 0),
            (0, 220, -1, 56, 140, 0),
            (0, 221, -1, 56, 141, 0),
            (0, 222, -1, 56, 105, 0),
            (0, 223, -1, 56, 108, 0),
            (0, 14, -1, 56, 23, 0),
            (0, 224, -1, 56, 142, 0),
            (0, 225, -1, 56, 142, 0),
            (0, 15, -1, 56, 24, 0),
            (0, 226, -1, 56, 115, 0),
            (0, 227, -1, 56, 77, 0),
            (0, 228, -1, 56, 77, 0),
            (0, 229, -1, 56, 77, 0),
            (0, 230, -1, 56, 115, 0),
            (0, 231, -1, 56, 143, 0),
            (0, 8, -1, 56, 25, 0),
            (0, 232, -1, 56, 144, 0),
            (0, 233, -1, 56, 145, 0),
            (0, 11, -1, 56, 26, 0),
            (0, 25, -1, 56, 124, 0),
            (0, 53, -1, 56, 27, 0),
            (0, 54, -1, 56, 28, 0),
            (0, 234, -1, 56, 146, 0),
            (0, 235, -1, 56, 140, 0),
            (0, 236, -1, 56, 147, 0),
            (0, 237, -1, 56, 148, 0),
            (0, 238, -1, 56, 149, 0),
            (0, 239, -1, 56, 150, 0),
            (0, 240, -1, 56, 108, 0),
            (0, 241, -1, 56, 66, 0),
            (0, 242, -1, 56, 151, 0),
            (0, 243, -1, 56, 140, 0),
            (0, 244, -1, 56, 151, 0),
            (0, 245, -1, 56, 152, 0),
            (0, 246, -1, 56, 153, 0),
            (0, 55, -1, 56, 29, 0),
            (0, 56, -1, 56, 30, 0),
            (0, 57, -1, 56, 31, 0),
            (0, 58, -1, 56, 32, 0),
            (0, 247, -1, 56, 64, 0),
            (0, 248, -1, 56, 127, 0),
            (0, 249, -1, 56, 105, 0),
            (0, 250, -1, 56, 154, 0),
            (0, 251, -1, 56, 65, 0),
            (0, 59, -1, 56, 33, 0),
            (0, 60, -1, 56, 34, 0),
            (0, 252, -1, 56, 155, 0),
            (0, 253, -1, 56, 155, 0),
            (0, 61, -1, 56, 35, 0),
            (0, 62, -1, 56, 36, 0),
            (0, 63, -1, 56, 37, 0),
            (0, 64, -1, 56, 38, 0),
            (0, 65, -1, 56, 39, 0),
            (0, 66, -1, 56, 40, 0),
            (0, 67, -1, 56, 41, 0),
            (0, 27, -1, 56, 42, 0),
            (0, 68, -1, 56, 43, 0),
            (0, 26, -1, 56, 44, 0),
            (0, 69, -1, 56, 45, 0),
            (0, 70, -1, 56, 46, 0),
            (0, 254, -1, 56, 77, 0),
            (0, 255, -1, 56, 156, 0),
            (0, 256, -1, 56, 157, 0),
            (0, 257, -1, 56, 158, 0),
            (0, 258, -1, 56, 159, 0),
            (0, 259, -1, 56, 78, 0),
            (0, 260, -1, 56, 60, 0),
            (0, 261, -1, 56, 60, 0),
            (0, 262, -1, 56, 116, 0),
            (0, 263, -1, 56, 116, 0),
            (0, 264, -1, 56, 160, 0),
            (0, 265, -1, 56, 65, 0),
            (0, 266, -1, 56, 64, 0),
            (0, 267, -1, 56, 161, 0),
            (0, 268, -1, 56, 140, 0),
            (0, 269, -1, 56, 140, 0),
            (0, 270, -1, 56, 105, 0),
            (0, 271, -1, 56, 162, 0),
            (0, 272, -1, 56, 68, 0),
            (0, 273, -1, 56, 68, 0),
            (0, 274, -1, 56, 68, 0),
            (0, 31, -1, 56, 47, 0),
            (0, 23, -1, 56, 48, 0),
            (0, 275, -1, 56, 107, 0),
            (0, 276, -1, 56, 78, 0),
            (0, 71, -1, 56, 49, 0),
            (0, 72, -1, 56, 50, 0),
            (0, 73, -1, 56, 51, 0),
            (0, 74, -1, 56, 52, 0),
            (0, 277, -1, 56, 78, 0),
            (0, 278, -1, 56, 78, 0),
            (0, 279, -1, 56, 163, 0),
            (0, 36, -1, 56, 124, 0),
            (0, 35, -1, 56, 124, 0),
            (0, 9, -1, 56, 53, 0),
            (0, 280, -1, 56, 14, 0),
            (0, 32, -1, 56, 144, 0),
            (0, 33, -1, 56, 124, 0),
            (0, 281, -1, 56, 164, 0),
            (0, 34, -1, 56, 14, 0),
            (0, 282, -1, 56, 14, 0),
            (0, 4, -1, 56, 108, 0),
            (0, 283, -1, 56, 65, 0),
            (0, 284, -1, 56, 109, 0),
            (0, 285, -1, 56, 105, 0),
            (0, 286, -1, 56, 165, 0),
            (0, 287, -1, 56, 64, 0),
            (0, 288, -1, 56, 78, 0),
            (4, -1, -1, 56, -1, 0),
            (7, -1, -1, -1, -1, 0),
        ),
    ),
    # state 57
    (
        1,
        (
            (1, 1, 0, 57, -1, 0),
            (1, 16, 0, 57, -1, 0),
            (1, 5, 0, 57, -1, 0),
            (1, 30, 0, 57, -1, 0),
            (1, 17, 0, 57, -1, 0),
            (1, 289, 2, 57, -1, 0),
            (1, 28, 0, 57, -1, 0),
            (1, 21, 0, 57, -1, 0),
            (1, 22, 0, 57, -1, 0),
            (5, -1, -1, 57, -1, 0),
            (0, 75, -1, 58, 59, 0),
            (0, 76, -1, 58, 60, 0),
            (0, 77, -1, 58, 61, 0),
            (0, 78, -1, 58, 62, 0),
            (0, 79, -1, 58, 63, 0),
            (0, 80, -1, 58, 64, 0),
            (0, 81, -1, 58, 65, 0),
            (0, 82, -1, 58, 65, 0),
            (0, 83, -1, 58, 65, 0),
            (0, 84, -1, 58, 65, 0),
            (0, 37, -1, 58, 1, 0),
            (0, 38, -1, 58, 2, 0),
            (0, 85, -1, 58, 66, 0),
            (0, 39, -1, 58, 3, 0),
            (0, 40, -1, 58, 4, 0),
            (0, 86, -1, 58, 64, 0),
            (0, 87, -1, 58, 67, 0),
            (0, 88, -1, 58, 68, 0),
            (0, 89, -1, 58, 68, 0),
            (0, 90, -1, 58, 64, 0),
            (0, 41, -1, 58, 5, 0),
            (0, 42, -1, 58, 6, 0),
            (0, 91, -1, 58, 69, 0),
            (0, 29, -1, 58, 7, 0),
            (0, 92, -1, 58, 68, 0),
            (0, 93, -1, 58, 60, 0),
            (0, 94, -1, 58, 70, 0),
            (0, 43, -1, 58, 8, 0),
            (0, 44, -1, 58, 9, 0),
            (0, 95, -1, 58, 65, 0),
            (0, 96, -1, 58, 71, 0),
            (0, 97, -1, 58, 68, 0),
            (0, 98, -1, 58, 65, 0),
            (0, 99, -1, 58, 72, 0),
            (0, 100, -1, 58, 73, 0),
            (0, 101, -1, 58, 68, 0),
            (0, 102, -1, 58, 74, 0),
            (0, 103, -1, 58, 64, 0),
            (0, 104, -1, 58, 75, 0),
            (0, 105, -1, 58, 76, 0),
            (0, 13, -1, 58, 10, 0),
            (0, 106, -1, 58, 77, 0),
            (0, 107, -1, 58, 77, 0),
            (0, 108, -1, 58, 78, 0),
            (0, 109, -1, 58, 78, 0),
            (0, 24, -1, 58, 11, 0),
            (0, 45, -1, 58, 12, 0),
            (0, 110, -1, 58, 72, 0),
            (0, 111, -1, 58, 79, 0),
            (0, 112, -1, 58, 77, 0),
            (0, 113, -1, 58, 80, 0),
            (0, 114, -1, 58, 81, 0),
            (0, 115, -1, 58, 82, 0),
            (0, 116, -1, 58, 83, 0),
            (0, 117, -1, 58, 84, 0),
            (0, 118, -1, 58, 85, 0),
            (0, 119, -1, 58, 86, 0),
            (0, 120, -1, 58, 87, 0),
            (0, 121, -1, 58, 88, 0),
            (0, 122, -1, 58, 87, 0),
            (0, 123, -1, 58, 89, 0),
            (0, 124, -1, 58, 90, 0),
            (0, 125, -1, 58, 91, 0),
            (0, 126, -1, 58, 64, 0),
            (0, 127, -1, 58, 64, 0),
            (0, 128, -1, 58, 64, 0),
            (0, 129, -1, 58, 64, 0),
            (0, 130, -1, 58, 64, 0),
            (0, 131, -1, 58, 64, 0),
            (0, 132, -1, 58, 92, 0),
            (0, 133, -1, 58, 93, 0),
            (0, 134, -1, 58, 94, 0),
            (0, 135, -1, 58, 95, 0),
            (0, 136, -1, 58, 96, 0),
            (0, 137, -1, 58, 97, 0),
            (0, 138, -1, 58, 98, 0),
            (0, 139, -1, 58, 99, 0),
            (0, 140, -1, 58, 100, 0),
            (0, 141, -1, 58, 101, 0),
            (0, 142, -1, 58, 102, 0),
            (0, 143, -1, 58, 87, 0),
            (0, 144, -1, 58, 103, 0),
            (0, 145, -1, 58, 101, 0),
            (0, 146, -1, 58, 104, 0),
            (0, 147, -1, 58, 104, 0),
            (0, 148, -1, 58, 64, 0),
            (0, 149, -1, 58, 64, 0),
            (0, 150, -1, 58, 105, 0),
            (0, 151, -1, 58, 106, 0),
            (0, 152, -1, 58, 63, 0),
            (0, 153, -1, 58, 64, 0),
            (0, 154, -1, 58, 107, 0),
            (0, 155, -1, 58, 108, 0),
            (0, 156, -1, 58, 109, 0),
            (0, 157, -1, 58, 65, 0),
            (0, 3, -1, 58, 108, 0),
            (0, 158, -1, 58, 110, 0),
            (0, 159, -1, 58, 65, 0),
            (0, 160, -1, 58, 111, 0),
            (0, 0, -1, 58, 112, 0),
            (0, 161, -1, 58, 65, 0),
            (0, 162, -1, 58, 108, 0),
            (0, 46, -1, 58, 13, 0),
            (0, 6, -1, 58, 14, 0),
            (0, 7, -1, 58, 15, 0),
            (0, 163, -1, 58, 113, 0),
            (0, 164, -1, 58, 114, 0),
            (0, 47, -1, 58, 16, 0),
            (0, 165, -1, 58, 115, 0),
            (0, 166, -1, 58, 64, 0),
            (0, 167, -1, 58, 116, 0),
            (0, 168, -1, 58, 117, 0),
            (0, 169, -1, 58, 118, 0),
            (0, 170, -1, 58, 119, 0),
            (0, 171, -1, 58, 119, 0),
            (0, 172, -1, 58, 65, 0),
            (0, 173, -1, 58, 120, 0),
            (0, 174, -1, 58, 78, 0),
            (0, 175, -1, 58, 68, 0),
            (0, 48, -1, 58, 17, 0),
            (0, 49, -1, 58, 18, 0),
            (0, 12, -1, 58, 14, 0),
            (0, 176, -1, 58, 64, 0),
            (0, 177, -1, 58, 116, 0),
            (0, 178, -1, 58, 116, 0),
            (0, 20, -1, 58, 108, 0),
            (0, 179, -1, 58, 60, 0),
            (0, 180, -1, 58, 115, 0),
            (0, 181, -1, 58, 121, 0),
            (0, 50, -1, 58, 19, 0),
            (0, 182, -1, 58, 63, 0),
            (0, 183, -1, 58, 63, 0),
            (0, 184, -1, 58, 64, 0),
            (0, 185, -1, 58, 77, 0),
            (0, 186, -1, 58, 64, 0),
            (0, 187, -1, 58, 122, 0),
            (0, 188, -1, 58, 106, 0),
            (0, 189, -1, 58, 123, 0),
            (0, 190, -1, 58, 77, 0),
            (0, 2, -1, 58, 108, 0),
            (0, 10, -1, 58, 20, 0),
            (0, 18, -1, 58, 124, 0),
            (0, 19, -1, 58, 124, 0),
            (0, 191, -1, 58, 125, 0),
            (0, 192, -1, 58, 126, 0),
            (0, 193, -1, 58, 127, 0),
            (0, 194, -1, 58, 64, 0),
            (0, 195, -1, 58, 77, 0),
            (0, 196, -1, 58, 128, 0),
            (0, 197, -1, 58, 78, 0),
            (0, 198, -1, 58, 108, 0),
            (0, 199, -1, 58, 129, 0),
            (0, 200, -1, 58, 130, 0),
            (0, 201, -1, 58, 64, 0),
            (0, 51, -1, 58, 21, 0),
            (0, 52, -1, 58, 22, 0),
            (0, 202, -1, 58, 64, 0),
            (0, 203, -1, 58, 131, 0),
            (0, 204, -1, 58, 132, 0),
            (0, 205, -1, 58, 94, 0),
            (0, 206, -1, 58, 64, 0),
            (0, 207, -1, 58, 133, 0),
            (0, 208, -1, 58, 64, 0),
            (0, 209, -1, 58, 64, 0),
            (0, 210, -1, 58, 116, 0),
            (0, 211, -1, 58, 87, 0),
            (0, 212, -1, 58, 115, 0),
            (0, 213, -1, 58, 134, 0),
            (0, 214, -1, 58, 135, 0),
            (0, 215, -1, 58, 136, 0),
            (0, 216, -1, 58, 137, 0),
            (0, 217, -1, 58, 138, 0),
            (0, 218, -1, 58, 139, 0),
            (0, 219, -1, 58, 106, 0),
            (0, 220, -1, 58, 140, 0),
            (0, 221, -1, 58, 141, 0),
            (0, 222, -1, 58, 105, 0),
            (0, 223, -1, 58, 108, 0),
            (0, 14, -1, 58, 23, 0),
            (0, 224, -1, 58, 142, 0),
            (0, 225, -1, 58, 142, 0),
            (0, 15, -1, 58, 24, 0),
            (0, 226, -1, 58, 115, 0),
            (0, 227, -1, 58, 77, 0),
            (0, 228, -1, 58, 77, 0),
            (0, 229, -1, 58, 77, 0),
            (0, 230, -1, 58, 115, 0),
            (0, 231, -1, 58, 143, 0),
            (0, 8, -1, 58, 25, 0),
            (0, 232, -1, 58, 144, 0),
            (0, 233, -1, 58, 145, 0),
            (0, 11, -1, 58, 26, 0),
            (0, 25, -1, 58, 124, 0),
            (0, 53, -1, 58, 27, 0),
            (0, 54, -1, 58, 28, 0),
            (0, 234, -1, 58, 146, 0),
            (0, 235, -1, 58, 140, 0),
            (0, 236, -1, 58, 147, 0),
            (0, 237, -1, 58, 148, 0),
            (0, 238, -1, 58, 149, 0),
            (0, 239, -1, 58, 150, 0),
            (0, 240, -1, 58, 108, 0),
            (0, 241, -1, 58, 66, 0),
            (0, 242, -1, 58, 151, 0),
            (0, 243, -1, 58, 140, 0),
            (0, 244, -1, 58, 151, 0),
            (0, 245, -1, 58, 152, 0),
            (0, 246, -1, 58, 153, 0),
            (0, 55, -1, 58, 29, 0),
            (0, 56, -1, 58, 30, 0),
            (0, 57, -1, 58, 31, 0),
            (0, 58, -1, 58, 32, 0),
            (0, 247, -1, 58, 64, 0),
            (0, 248, -1, 58, 127, 0),
            (0, 249, -1, 58, 105, 0),
            (0, 250, -1, 58, 154, 0),
            (0, 251, -1, 58, 65, 0),
            (0, 59, -1, 58, 33, 0),
            (0, 60, -1, 58, 34, 0),
            (0, 252, -1, 58, 155, 0),
            (0, 253, -1, 58, 155, 0),
            (0, 61, -1, 58, 35, 0),
            (0, 62, -1, 58, 36, 0),
            (0, 63, -1, 58, 37, 0),
            (0, 64, -1, 58, 38, 0),
            (0, 65, -1, 58, 39, 0),
            (0, 66, -1, 58, 40, 0),
            (0, 67, -1, 58, 41, 0),
            (0, 27, -1, 58, 42, 0),
            (0, 68, -1, 58, 43, 0),
            (0, 26, -1, 58, 44, 0),
            (0, 69, -1, 58, 45, 0),
            (0, 70, -1, 58, 46, 0),
            (0, 254, -1, 58, 77, 0),
            (0, 255, -1, 58, 156, 0),
            (0, 256, -1, 58, 157, 0),
            (0, 257, -1, 58, 158, 0),
            (0, 258, -1, 58, 159, 0),
            (0, 259, -1, 58, 78, 0),
            (0, 260, -1, 58, 60, 0),
            (0, 261, -1, 58, 60, 0),
            (0, 262, -1, 58, 116, 0),
            (0, 263, -1, 58, 116, 0),
            (0, 264, -1, 58, 160, 0),
            (0, 265, -1, 58, 65, 0),
            (0, 266, -1, 58, 64, 0),
            (0, 267, -1, 58, 161, 0),
            (0, 268, -1, 58, 140, 0),
            (0, 269, -1, 58, 140, 0),
            (0, 270, -1, 58, 105, 0),
            (0, 271, -1, 58, 162, 0),
            (0, 272, -1, 58, 68, 0),
            (0, 273, -1, 58, 68, 0),
            (0, 274, -1, 58, 68, 0),
            (0, 31, -1, 58, 47, 0),
            (0, 23, -1, 58, 48, 0),
            (0, 275, -1, 58, 107, 0),
            (0, 276, -1, 58, 78, 0),
            (0, 71, -1, 58, 49, 0),
            (0, 72, -1, 58, 50, 0),
            (0, 73, -1, 58, 51, 0),
            (0, 74, -1, 58, 52, 0),
            (0, 277, -1, 58, 78, 0),
            (0, 278, -1, 58, 78, 0),
            (0, 279, -1, 58, 163, 0),
            (0, 36, -1, 58, 124, 0),
            (0, 35, -1, 58, 124, 0),
            (0, 9, -1, 58, 53, 0),
            (0, 280, -1, 58, 14, 0),
            (0, 32, -1, 58, 144, 0),
            (0, 33, -1, 58, 124, 0),
            (0, 281, -1, 58, 164, 0),
            (0, 34, -1, 58, 14, 0),
            (0, 282, -1, 58, 14, 0),
            (0, 4, -1, 58, 108, 0),
            (0, 283, -1, 58, 65, 0),
            (0, 284, -1, 58, 109, 0),
            (0, 285, -1, 58, 105, 0),
            (0, 286, -1, 58, 165, 0),
            (0, 287, -1, 58, 64, 0),
            (0, 288, -1, 58, 78, 0),
            (4, -1, -1, 58, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 58, -1, 0),
        ),
    ),
    # state 58
    (
        1,
        (
            (0, 75, -1, 58, 59, 0),
            (0, 76, -1, 58, 60, 0),
            (0, 77, -1, 58, 61, 0),
            (0, 78, -1, 58, 62, 0),
            (0, 79, -1, 58, 63, 0),
            (0, 80, -1, 58, 64, 0),
            (0, 81, -1, 58, 65, 0),
            (0, 82, -1, 58, 65, 0),
            (0, 83, -1, 58, 65, 0),
            (0, 84, -1, 58, 65, 0),
            (0, 37, -1, 58, 1, 0),
            (0, 38, -1, 58, 2, 0),
            (0, 85, -1, 58, 66, 0),
            (0, 39, -1, 58, 3, 0),
            (0, 40, -1, 58, 4, 0),
            (0, 86, -1, 58, 64, 0),
            (0, 87, -1, 58, 67, 0),
            (0, 88, -1, 58, 68, 0),
            (0, 89, -1, 58, 68, 0),
            (0, 90, -1, 58, 64, 0),
            (0, 41, -1, 58, 5, 0),
            (0, 42, -1, 58, 6, 0),
            (0, 91, -1, 58, 69, 0),
            (0, 29, -1, 58, 7, 0),
            (0, 92, -1, 58, 68, 0),
            (0, 93, -1, 58, 60, 0),
            (0, 94, -1, 58, 70, 0),
            (0, 43, -1, 58, 8, 0),
            (0, 44, -1, 58, 9, 0),
            (0, 95, -1, 58, 65, 0),
            (0, 96, -1, 58, 71, 0),
            (0, 97, -1, 58, 68, 0),
            (0, 98, -1, 58, 65, 0),
            (0, 99, -1, 58, 72, 0),
            (0, 100, -1, 58, 73, 0),
            (0, 101, -1, 58, 68, 0),
            (0, 102, -1, 58, 74, 0),
            (0, 103, -1, 58, 64, 0),
            (0, 104, -1, 58, 75, 0),
            (0, 105, -1, 58, 76, 0),
            (0, 13, -1, 58, 10, 0),
            (0, 106, -1, 58, 77, 0),
            (0, 107, -1, 58, 77, 0),
            (0, 108, -1, 58, 78, 0),
            (0, 109, -1, 58, 78, 0),
            (0, 24, -1, 58, 11, 0),
            (0, 45, -1, 58, 12, 0),
            (0, 110, -1, 58, 72, 0),
            (0, 111, -1, 58, 79, 0),
            (0, 112, -1, 58, 77, 0),
            (0, 113, -1, 58, 80, 0),
            (0, 114, -1, 58, 81, 0),
            (0, 115, -1, 58, 82, 0),
            (0, 116, -1, 58, 83, 0),
            (0, 117, -1, 58, 84, 0),
            (0, 118, -1, 58, 85, 0),
            (0, 119, -1, 58, 86, 0),
            (0, 120, -1, 58, 87, 0),
            (0, 121, -1, 58, 88, 0),
            (0, 122, -1, 58, 87, 0),
            (0, 123, -1, 58, 89, 0),
            (0, 124, -1, 58, 90, 0),
            (0, 125, -1, 58, 91, 0),
            (0, 126, -1, 58, 64, 0),
            (0, 127, -1, 58, 64, 0),
            (0, 128, -1, 58, 64, 0),
            (0, 129, -1, 58, 64, 0),
            (0, 130, -1, 58, 64, 0),
            (0, 131, -1, 58, 64, 0),
            (0, 132, -1, 58, 92, 0),
            (0, 133, -1, 58, 93, 0),
            (0, 134, -1, 58, 94, 0),
            (0, 135, -1, 58, 95, 0),
            (0, 136, -1, 58, 96, 0),
            (0, 137, -1, 58, 97, 0),
            (0, 138, -1, 58, 98, 0),
            (0, 139, -1, 58, 99, 0),
            (0, 140, -1, 58, 100, 0),
            (0, 141, -1, 58, 101, 0),
            (0, 142, -1, 58, 102, 0),
            (0, 143, -1, 58, 87, 0),
            (0, 144, -1, 58, 103, 0),
            (0, 145, -1, 58, 101, 0),
            (0, 146, -1, 58, 104, 0),
            (0, 147, -1, 58, 104, 0),
            (0, 148, -1, 58, 64, 0),
            (0, 149, -1, 58, 64, 0),
            (0, 150, -1, 58, 105, 0),
            (0, 151, -1, 58, 106, 0),
            (0, 152, -1, 58, 63, 0),
            (0, 153, -1, 58, 64, 0),
            (0, 154, -1, 58, 107, 0),
            (0, 155, -1, 58, 108, 0),
            (0, 156, -1, 58, 109, 0),
            (0, 157, -1, 58, 65, 0),
            (0, 3, -1, 58, 108, 0),
            (0, 158, -1, 58, 110, 0),
            (0, 159, -1, 58, 65, 0),
            (0, 160, -1, 58, 111, 0),
            (0, 0, -1, 58, 112, 0),
            (0, 161, -1, 58, 65, 0),
            (0, 162, -1, 58, 108, 0),
            (0, 46, -1, 58, 13, 0),
            (0, 6, -1, 58, 14, 0),
            (0, 7, -1, 58, 15, 0),
            (0, 163, -1, 58, 113, 0),
            (0, 164, -1, 58, 114, 0),
            (0, 47, -1, 58, 16, 0),
            (0, 165, -1, 58, 115, 0),
            (0, 166, -1, 58, 64, 0),
            (0, 167, -1, 58, 116, 0),
            (0, 168, -1, 58, 117, 0),
            (0, 169, -1, 58, 118, 0),
            (0, 170, -1, 58, 119, 0),
            (0, 171, -1, 58, 119, 0),
            (0, 172, -1, 58, 65, 0),
            (0, 173, -1, 58, 120, 0),
            (0, 174, -1, 58, 78, 0),
            (0, 175, -1, 58, 68, 0),
            (0, 48, -1, 58, 17, 0),
            (0, 49, -1, 58, 18, 0),
            (0, 12, -1, 58, 14, 0),
            (0, 176, -1, 58, 64, 0),
            (0, 177, -1, 58, 116, 0),
            (0, 178, -1, 58, 116, 0),
            (0, 20, -1, 58, 108, 0),
            (0, 179, -1, 58, 60, 0),
            (0, 180, -1, 58, 115, 0),
            (0, 181, -1, 58, 121, 0),
            (0, 50, -1, 58, 19, 0),
            (0, 182, -1, 58, 63, 0),
            (0, 183, -1, 58, 63, 0),
            (0, 184, -1, 58, 64, 0),
            (0, 185, -1, 58, 77, 0),
            (0, 186, -1, 58, 64, 0),
            (0, 187, -1, 58, 122, 0),
            (0, 188, -1, 58, 106, 0),
            (0, 189, -1, 58, 123, 0),
            (0, 190, -1, 58, 77, 0),
            (0, 2, -1, 58, 108, 0),
            (0, 10, -1, 58, 20, 0),
            (0, 18, -1, 58, 124, 0),
            (0, 19, -1, 58, 124, 0),
            (0, 191, -1, 58, 125, 0),
            (0, 192, -1, 58, 126, 0),
            (0, 193, -1, 58, 127, 0),
            (0, 194, -1, 58, 64, 0),
            (0, 195, -1, 58, 77, 0),
            (0, 196, -1, 58, 128, 0),
            (0, 197, -1, 58, 78, 0),
            (0, 198, -1, 58, 108, 0),
            (0, 199, -1, 58, 129, 0),
            (0, 200, -1, 58, 130, 0),
            (0, 201, -1, 58, 64, 0),
            (0, 51, -1, 58, 21, 0),
            (0, 52, -1, 58, 22, 0),
            (0, 202, -1, 58, 64, 0),
            (0, 203, -1, 58, 131, 0),
            (0, 204, -1, 58, 132, 0),
            (0, 205, -1, 58, 94, 0),
            (0, 206, -1, 58, 64, 0),
            (0, 207, -1, 58, 133, 0),
            (0, 208, -1, 58, 64, 0),
            (0, 209, -1, 58, 64, 0),
            (0, 210, -1, 58, 116, 0),
            (0, 211, -1, 58, 87, 0),
            (0, 212, -1, 58, 115, 0),
            (0, 213, -1, 58, 134, 0),
            (0, 214, -1, 58, 135, 0),
            (0, 215, -1, 58, 136, 0),
            (0, 216, -1, 58, 137, 0),
            (0, 217, -1, 58, 138, 0),
            (0, 218, -1, 58, 139, 0),
            (0, 219, -1, 58, 106, 0),
            (0, 220, -1, 58, 140, 0),
            (0, 221, -1, 58, 141, 0),
            (0, 222, -1, 58, 105, 0),
            (0, 223, -1, 58, 108, 0),
            (0, 14, -1, 58, 23, 0),
            (0, 224, -1, 58, 142, 0),
            (0, 225, -1, 58, 142, 0),
            (0, 15, -1, 58, 24, 0),
            (0, 226, -1, 58, 115, 0),
            (0, 227, -1, 58, 77, 0),
            (0, 228, -1, 58, 77, 0),
            (0, 229, -1, 58, 77, 0),
            (0, 230, -1, 58, 115, 0),
            (0, 231, -1, 58, 143, 0),
            (0, 8, -1, 58, 25, 0),
            (0, 232, -1, 58, 144, 0),
            (0, 233, -1, 58, 145, 0),
            (0, 11, -1, 58, 26, 0),
            (0, 25, -1, 58, 124, 0),
            (0, 53, -1, 58, 27, 0),
            (0, 54, -1, 58, 28, 0),
            (0, 234, -1, 58, 146, 0),
            (0, 235, -1, 58, 140, 0),
            (0, 236, -1, 58, 147, 0),
            (0, 237, -1, 58, 148, 0),
            (0, 238, -1, 58, 149, 0),
            (0, 239, -1, 58, 150, 0),
            (0, 240, -1, 58, 108, 0),
            (0, 241, -1, 58, 66, 0),
            (0, 242, -1, 58, 151, 0),
            (0, 243, -1, 58, 140, 0),
            (0, 244, -1, 58, 151, 0),
            (0, 245, -1, 58, 152, 0),
            (0, 246, -1, 58, 153, 0),
            (0, 55, -1, 58, 29, 0),
            (0, 56, -1, 58, 30, 0),
            (0, 57, -1, 58, 31, 0),
            (0, 58, -1, 58, 32, 0),
            (0, 247, -1, 58, 64, 0),
            (0, 248, -1, 58, 127, 0),
            (0, 249, -1, 58, 105, 0),
            (0, 250, -1, 58, 154, 0),
            (0, 251, -1, 58, 65, 0),
            (0, 59, -1, 58, 33, 0),
            (0, 60, -1, 58, 34, 0),
            (0, 252, -1, 58, 155, 0),
            (0, 253, -1, 58, 155, 0),
            (0, 61, -1, 58, 35, 0),
            (0, 62, -1, 58, 36, 0),
            (0, 63, -1, 58, 37, 0),
            (0, 64, -1, 58, 38, 0),
            (0, 65, -1, 58, 39, 0),
            (0, 66, -1, 58, 40, 0),
            (0, 67, -1, 58, 41, 0),
            (0, 27, -1, 58, 42, 0),
            (0, 68, -1, 58, 43, 0),
            (0, 26, -1, 58, 44, 0),
            (0, 69, -1, 58, 45, 0),
            (0, 70, -1, 58, 46, 0),
            (0, 254, -1, 58, 77, 0),
            (0, 255, -1, 58, 156, 0),
            (0, 256, -1, 58, 157, 0),
            (0, 257, -1, 58, 158, 0),
            (0, 258, -1, 58, 159, 0),
            (0, 259, -1, 58, 78, 0),
            (0, 260, -1, 58, 60, 0),
            (0, 261, -1, 58, 60, 0),
            (0, 262, -1, 58, 116, 0),
            (0, 263, -1, 58, 116, 0),
            (0, 264, -1, 58, 160, 0),
            (0, 265, -1, 58, 65, 0),
            (0, 266, -1, 58, 64, 0),
            (0, 267, -1, 58, 161, 0),
            (0, 268, -1, 58, 140, 0),
            (0, 269, -1, 58, 140, 0),
            (0, 270, -1, 58, 105, 0),
            (0, 271, -1, 58, 162, 0),
            (0, 272, -1, 58, 68, 0),
            (0, 273, -1, 58, 68, 0),
            (0, 274, -1, 58, 68, 0),
            (0, 31, -1, 58, 47, 0),
            (0, 23, -1, 58, 48, 0),
            (0, 275, -1, 58, 107, 0),
            (0, 276, -1, 58, 78, 0),
            (0, 71, -1, 58, 49, 0),
            (0, 72, -1, 58, 50, 0),
            (0, 73, -1, 58, 51, 0),
            (0, 74, -1, 58, 52, 0),
            (0, 277, -1, 58, 78, 0),
            (0, 278, -1, 58, 78, 0),
            (0, 279, -1, 58, 163, 0),
            (0, 36, -1, 58, 124, 0),
            (0, 35, -1, 58, 124, 0),
            (0, 9, -1, 58, 53, 0),
            (0, 280, -1, 58, 14, 0),
            (0, 32, -1, 58, 144, 0),
            (0, 33, -1, 58, 124, 0),
            (0, 281, -1, 58, 164, 0),
            (0, 34, -1, 58, 14, 0),
            (0, 282, -1, 58, 14, 0),
            (0, 4, -1, 58, 108, 0),
            (0, 283, -1, 58, 65, 0),
            (0, 284, -1, 58, 109, 0),
            (0, 285, -1, 58, 105, 0),
            (0, 286, -1, 58, 165, 0),
            (0, 287, -1, 58, 64, 0),
            (0, 288, -1, 58, 78, 0),
            (4, -1, -1, 58, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 58, -1, 0),
        ),
    ),
    # state 59
    (
        1,
        (
            (1, 30, 0, 380, -1, 0),
            (0, 272, -1, 381, 68, 0),
        ),
    ),
    # state 60
    (1, ((2, -1, 3, 393, -1, 0),)),
    # state 61
    (1, ((0, 78, -1, 394, 62, 1),)),
    # state 62
    (1, ((0, 249, -1, 399, 105, 0),)),
    # state 63
    (1, ((0, 80, -1, 401, 64, 0),)),
    # state 64
    (1, ((0, 156, -1, 403, 109, 0),)),
    # state 65
    (1, ((2, -1, 4, 405, -1, 0),)),
    # state 66
    (1, ((2, -1, 5, 406, -1, 0),)),
    # state 67
    (1, ((2, -1, 6, 407, -1, 0),)),
    # state 68
    (1, ((2, -1, 7, 408, -1, 0),)),
    # state 69
    (1, ((0, 94, -1, 409, 70, 0),)),
    # state 70
    (1, ((2, -1, 8, 411, -1, 0),)),
    # state 71
    (1, ((2, -1, 9, 412, -1, 0),)),
    # state 72
    (1, ((0, 203, -1, 413, 131, 0),)),
    # state 73
    (1, ((2, -1, 10, 416, -1, 0),)),
    # state 74
    (1, ((0, 94, -1, 417, 70, 0),)),
    # state 75
    (1, ((2, -1, 11, 419, -1, 0),)),
    # state 76
    (1, ((2, -1, 12, 420, -1, 0),)),
    # state 77
    (1, ((2, -1, 13, 421, -1, 0),)),
    # state 78
    (1, ((2, -1, 14, 422, -1, 0),)),
    # state 79
    (
        1,
        (
            (0, 210, -1, 423, 116, 0),
            (0, 178, -1, 424, 116, 0),
            (0, 263, -1, 425, 116, 0),
            (0, 167, -1, 426, 116, 0),
            (0, 228, -1, 427, 77, 0),
            (0, 229, -1, 428, 77, 0),
            (0, 227, -1, 429, 77, 0),
            (0, 98, -1, 430, 65, 0),
            (0, 90, -1, 431, 64, 0),
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 80
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 81
    (1, ((0, 106, -1, 433, 77, 0),)),
    # state 82
    (
        1,
        (
            (0, 106, -1, 441, 77, 0),
            (0, 177, -1, 442, 116, 0),
            (0, 262, -1, 443, 116, 0),
            (0, 75, -1, 444, 59, 0),
            (0, 213, -1, 445, 134, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 83
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 84
    (1, ((2, -1, 15, 446, -1, 0),)),
    # state 85
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 86
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 87
    (1, ((2, -1, 16, 447, -1, 0),)),
    # state 88
    (1, ((0, 272, -1, 448, 68, 0),)),
    # state 89
    (1, ((2, -1, 17, 452, -1, 0),)),
    # state 90
    (1, ((2, -1, 18, 453, -1, 0),)),
    # state 91
    (1, ((0, 135, -1, 454, 95, 0),)),
    # state 92
    (1, ((0, 272, -1, 456, 68, 0),)),
    # state 93
    (1, ((0, 134, -1, 460, 94, 1),)),
    # state 94
    (1, ((0, 112, -1, 462, 77, 0),)),
    # state 95
    (1, ((0, 272, -1, 466, 68, 0),)),
    # state 96
    (1, ((0, 137, -1, 468, 97, 1),)),
    # state 97
    (1, ((0, 112, -1, 470, 77, 0),)),
    # state 98
    (1, ((0, 153, -1, 472, 64, 0),)),
    # state 99
    (1, ((0, 112, -1, 474, 77, 0),)),
    # state 100
    (1, ((0, 139, -1, 483, 99, 1),)),
    # state 101
    (1, ((2, -1, 19, 485, -1, 0),)),
    # state 102
    (1, ((2, -1, 20, 486, -1, 0),)),
    # state 103
    (1, ((2, -1, 21, 487, -1, 0),)),
    # state 104
    (1, ((0, 179, -1, 488, 60, 0),)),
    # state 105
    (1, ((2, -1, 2, 490, -1, 0),)),
    # state 106
    (1, ((2, -1, 22, 491, -1, 0),)),
    # state 107
    (1, ((0, 246, -1, 492, 153, 1),)),
    # state 108
    (1, ((2, -1, 1, 500, -1, 0),)),
    # state 109
    (1, ((2, -1, 23, 501, -1, 0),)),
    # state 110
    (1, ((2, -1, 24, 502, -1, 0),)),
    # state 111
    (1, ((2, -1, 25, 503, -1, 0),)),
    # state 112
    (1, ((0, 253, -1, 504, 155, 0),)),
    # state 113
    (1, ((2, -1, 11, 507, -1, 0),)),
    # state 114
    (1, ((0, 232, -1, 508, 144, 1),)),
    # state 115
    (1, ((2, -1, 26, 528, -1, 0),)),
    # state 116
    (1, ((2, -1, 27, 529, -1, 0),)),
    # state 117
    (1, ((2, -1, 28, 530, -1, 0),)),
    # state 118
    (1, ((2, -1, 29, 531, -1, 0),)),
    # state 119
    (1, ((0, 169, -1, 532, 118, 0),)),
    # state 120
    (1, ((2, -1, 30, 540, -1, 0),)),
    # state 121
    (1, ((1, 30, 0, 541, -1, 0),)),
    # state 122
    (
        1,
        (
            (0, 188, -1, 544, 106, 0),
            (0, 254, -1, 545, 77, 0),
        ),
    ),
    # state 123
    (
        1,
        (
            (0, 190, -1, 548, 77, 0),
            (0, 186, -1, 549, 64, 0),
            (0, 187, -1, 550, 122, 1),
        ),
    ),
    # state 124
    (1, ((2, -1, 1, 555, -1, 0),)),
    # state 125
    (1, ((1, 289, 2, 556, -1, 0),)),
    # state 126
    (1, ((0, 193, -1, 563, 127, 0),)),
    # state 127
    (1, ((2, -1, 3, 596, -1, 0),)),
    # state 128
    (1, ((2, -1, 31, 597, -1, 0),)),
    # state 129
    (1, ((1, 30, 0, 598, -1, 0),)),
    # state 130
    (1, ((0, 158, -1, 601, 110, 0),)),
    # state 131
    (1, ((0, 272, -1, 603, 68, 0),)),
    # state 132
    (1, ((0, 205, -1, 607, 94, 1),)),
    # state 133
    (1, ((2, -1, 32, 609, -1, 0),)),
    # state 134
    (
        1,
        (
            (1, 30, 0, 610, -1, 0),
            (0, 272, -1, 611, 68, 0),
        ),
    ),
    # state 135
    (1, ((0, 215, -1, 616, 136, 1),)),
    # state 136
    (1, ((0, 112, -1, 618, 77, 0),)),
    # state 137
    (1, ((0, 153, -1, 620, 64, 0),)),
    # state 138
    (1, ((0, 112, -1, 626, 77, 0),)),
    # state 139
    (1, ((0, 217, -1, 635, 138, 1),)),
    # state 140
    (1, ((2, -1, 33, 637, -1, 0),)),
    # state 141
    (1, ((0, 120, -1, 638, 87, 1),)),
    # state 142
    (1, ((0, 273, -1, 646, 68, 0),)),
    # state 143
    (1, ((2, -1, 34, 661, -1, 0),)),
    # state 144
    (1, ((0, 280, -1, 662, 14, 0),)),
    # state 145
    (1, ((2, -1, 35, 664, -1, 0),)),
    # state 146
    (1, ((0, 235, -1, 665, 140, 0),)),
    # state 147
    (1, ((0, 243, -1, 668, 140, 0),)),
    # state 148
    (
        1,
        (
            (0, 106, -1, 670, 77, 0),
            (0, 148, -1, 671, 64, 0),
            (0, 126, -1, 672, 64, 0),
            (0, 129, -1, 673, 64, 0),
            (0, 125, -1, 674, 91, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 149
    (1, ((0, 234, -1, 675, 146, 1),)),
    # state 150
    (1, ((0, 243, -1, 678, 140, 0),)),
    # state 151
    (1, ((0, 248, -1, 679, 127, 0),)),
    # state 152
    (1, ((0, 244, -1, 681, 151, 1),)),
    # state 153
    (1, ((0, 248, -1, 697, 127, 0),)),
    # state 154
    (1, ((0, 192, -1, 699, 126, 1),)),
    # state 155
    (1, ((2, -1, 36, 731, -1, 0),)),
    # state 156
    (1, ((0, 94, -1, 732, 70, 1),)),
    # state 157
    (1, ((0, 222, -1, 735, 105, 1),)),
    # state 158
    (1, ((0, 248, -1, 863, 127, 1),)),
    # state 159
    (1, ((2, -1, 37, 879, -1, 0),)),
    # state 160
    (1, ((0, 269, -1, 880, 140, 0),)),
    # state 161
    (1, ((0, 268, -1, 882, 140, 0),)),
    # state 162
    (1, ((0, 267, -1, 890, 161, 1),)),
    # state 163
    (1, ((2, -1, 38, 900, -1, 0),)),
    # state 164
    (1, ((2, -1, 25, 901, -1, 0),)),
    # state 165
    (1, ((2, -1, 39, 902, -1, 0),)),
    # state 166
    (1, ((0, 241, -1, 167, 66, 0),)),
    # state 167
    (
        1,
        (
            (0, 118, -1, 168, 85, 0),
            (0, 199, -1, 169, 129, 0),
        ),
    ),
    # state 168
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 169
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 170
    (1, ((0, 231, -1, 171, 143, 0),)),
    # state 171
    (1, ((0, 145, -1, 172, 101, 0),)),
    # state 172
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 173
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 174
    (1, ((0, 231, -1, 175, 143, 0),)),
    # state 175
    (1, ((0, 85, -1, 176, 66, 1),)),
    # state 176
    (
        1,
        (
            (0, 85, -1, 177, 66, 1),
            (0, 95, -1, 178, 65, 0),
        ),
    ),
    # state 177
    (1, ((0, 95, -1, 178, 65, 0),)),
    # state 178
    (
        1,
        (
            (0, 119, -1, 179, 86, 0),
            (0, 200, -1, 180, 130, 0),
        ),
    ),
    # state 179
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 180
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 181
    (
        1,
        (
            (4, -1, -1, 182, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 183, -1, 0),
        ),
    ),
    # state 182
    (
        1,
        (
            (4, -1, -1, 182, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 182, -1, 0),
        ),
    ),
    # state 183
    (
        1,
        (
            (4, -1, -1, 182, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 183, -1, 0),
        ),
    ),
    # state 184
    (1, ((0, 181, -1, 185, 121, 0),)),
    # state 185
    (1, ((0, 164, -1, 186, 114, 0),)),
    # state 186
    (1, ((0, 165, -1, 187, 115, 0),)),
    # state 187
    (
        1,
        (
            (0, 221, -1, 188, 141, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 188
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 189
    (1, ((0, 231, -1, 190, 143, 0),)),
    # state 190
    (1, ((0, 145, -1, 191, 101, 0),)),
    # state 191
    (1, ((0, 91, -1, 192, 69, 0),)),
    # state 192
    (1, ((0, 69, -1, 193, 45, 0),)),
    # state 193
    (1, ((0, 226, -1, 194, 115, 0),)),
    # state 194
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 195
    (1, ((0, 223, -1, 198, 108, 0),)),
    # state 196
    (1, ((0, 4, -1, 197, 108, 0),)),
    # state 197
    (
        1,
        (
            (0, 162, -1, 199, 108, 0),
            (0, 240, -1, 200, 108, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 198
    (
        1,
        (
            (0, 3, -1, 196, 108, 0),
            (0, 4, -1, 197, 108, 0),
        ),
    ),
    # state 199
    (
        1,
        (
            (0, 240, -1, 200, 108, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 200
    (1, ((0, 198, -1, 201, 108, 0),)),
    # state 201
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 202
    (
        1,
        (
            (4, -1, -1, 203, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 204, -1, 0),
        ),
    ),
    # state 203
    (
        1,
        (
            (4, -1, -1, 203, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 203, -1, 0),
        ),
    ),
    # state 204
    (
        1,
        (
            (4, -1, -1, 203, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 204, -1, 0),
        ),
    ),
    # state 205
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 206
    (
        1,
        (
            (0, 6, -1, 207, 14, 1),
            (0, 7, -1, 208, 15, 1),
            (0, 8, -1, 209, 25, 1),
            (0, 9, -1, 210, 53, 1),
            (0, 10, -1, 211, 20, 1),
            (0, 11, -1, 212, 26, 1),
            (0, 12, -1, 213, 14, 1),
            (4, -1, -1, 214, -1, 0),
            (6, -1, -1, 215, -1, 0),
        ),
    ),
    # state 207
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 207, -1, 0),
        ),
    ),
    # state 208
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 208, -1, 0),
        ),
    ),
    # state 209
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 209, -1, 0),
        ),
    ),
    # state 210
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 210, -1, 0),
        ),
    ),
    # state 211
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 211, -1, 0),
        ),
    ),
    # state 212
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 212, -1, 0),
        ),
    ),
    # state 213
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 213, -1, 0),
        ),
    ),
    # state 214
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 214, -1, 0),
        ),
    ),
    # state 215
    (
        1,
        (
            (0, 6, -1, 207, 14, 1),
            (0, 7, -1, 208, 15, 1),
            (0, 8, -1, 209, 25, 1),
            (0, 9, -1, 210, 53, 1),
            (0, 10, -1, 211, 20, 1),
            (0, 11, -1, 212, 26, 1),
            (0, 12, -1, 213, 14, 1),
            (4, -1, -1, 214, -1, 0),
            (6, -1, -1, 215, -1, 0),
        ),
    ),
    # state 216
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 216, -1, 0),
        ),
    ),
    # state 217
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 217, -1, 0),
        ),
    ),
    # state 218
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 218, -1, 0),
        ),
    ),
    # state 219
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 219, -1, 0),
        ),
    ),
    # state 220
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 220, -1, 0),
        ),
    ),
    # state 221
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 221, -1, 0),
        ),
    ),
    # state 222
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 222, -1, 0),
        ),
    ),
    # state 223
    (
        1,
        (
            (0, 6, -1, 216, 14, 1),
            (0, 7, -1, 217, 15, 1),
            (0, 8, -1, 218, 25, 1),
            (0, 9, -1, 219, 53, 1),
            (0, 10, -1, 220, 20, 1),
            (0, 11, -1, 221, 26, 1),
            (0, 12, -1, 222, 14, 1),
            (4, -1, -1, 223, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 223, -1, 0),
        ),
    ),
    # state 224
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 225
    (
        1,
        (
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 225, -1, 0),
        ),
    ),
    # state 226
    (
        1,
        (
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 226, -1, 0),
        ),
    ),
    # state 227
    (
        1,
        (
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 227, -1, 0),
        ),
    ),
    # state 228
    (
        1,
        (
            (0, 13, -1, 225, 10, 0),
            (0, 14, -1, 226, 23, 0),
            (4, -1, -1, 227, -1, 0),
            (6, -1, -1, 228, -1, 0),
        ),
    ),
    # state 229
    (1, ((0, 15, -1, 230, 24, 1),)),
    # state 230
    (
        1,
        (
            (0, 15, -1, 231, 24, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 231
    (
        1,
        (
            (0, 15, -1, 231, 24, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 232
    (1, ((0, 70, -1, 233, 46, 0),)),
    # state 233
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 234
    (1, ((0, 231, -1, 235, 143, 0),)),
    # state 235
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 236
    (
        1,
        (
            (1, 5, 0, 237, -1, 0),
            (1, 17, 0, 238, -1, 0),
            (4, -1, -1, 239, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 240, -1, 0),
        ),
    ),
    # state 237
    (
        1,
        (
            (1, 17, 0, 238, -1, 0),
            (4, -1, -1, 239, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 240, -1, 0),
        ),
    ),
    # state 238
    (
        1,
        (
            (4, -1, -1, 239, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 240, -1, 0),
        ),
    ),
    # state 239
    (
        1,
        (
            (4, -1, -1, 239, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 239, -1, 0),
        ),
    ),
    # state 240
    (
        1,
        (
            (4, -1, -1, 239, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 240, -1, 0),
        ),
    ),
    # state 241
    (
        1,
        (
            (0, 19, -1, 243, 124, 1),
            (4, -1, -1, 244, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 242
    (
        1,
        (
            (4, -1, -1, 245, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 243
    (
        1,
        (
            (4, -1, -1, 244, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 244
    (
        1,
        (
            (4, -1, -1, 244, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 245
    (
        1,
        (
            (4, -1, -1, 245, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 246
    (1, ((0, 141, -1, 247, 101, 0),)),
    # state 247
    (1, ((0, 96, -1, 248, 71, 0),)),
    # state 248
    (
        1,
        (
            (0, 132, -1, 249, 92, 0),
            (0, 87, -1, 250, 67, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 249
    (
        1,
        (
            (0, 87, -1, 250, 67, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 250
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 251
    (1, ((0, 231, -1, 252, 143, 0),)),
    # state 252
    (
        1,
        (
            (0, 146, -1, 253, 104, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 253
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 254
    (1, ((0, 155, -1, 255, 108, 0),)),
    # state 255
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 256
    (
        1,
        (
            (1, 21, 0, 257, -1, 0),
            (1, 22, 0, 258, -1, 0),
            (0, 23, -1, 259, 48, 0),
            (0, 24, -1, 260, 11, 0),
        ),
    ),
    # state 257
    (
        1,
        (
            (1, 22, 0, 258, -1, 0),
            (0, 23, -1, 259, 48, 0),
            (0, 24, -1, 260, 11, 0),
        ),
    ),
    # state 258
    (
        1,
        (
            (0, 23, -1, 259, 48, 0),
            (0, 24, -1, 260, 11, 0),
        ),
    ),
    # state 259
    (1, ((0, 24, -1, 260, 11, 0),)),
    # state 260
    (1, ((0, 45, -1, 261, 12, 0),)),
    # state 261
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 262
    (
        1,
        (
            (1, 22, 0, 263, -1, 0),
            (0, 23, -1, 264, 48, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 263
    (
        1,
        (
            (0, 23, -1, 264, 48, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 264
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 265
    (
        1,
        (
            (0, 25, -1, 266, 124, 1),
            (4, -1, -1, 267, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 266
    (
        1,
        (
            (0, 25, -1, 266, 124, 1),
            (4, -1, -1, 268, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 267
    (
        1,
        (
            (0, 25, -1, 266, 124, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 268
    (
        1,
        (
            (0, 25, -1, 266, 124, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 269
    (1, ((0, 168, -1, 270, 117, 0),)),
    # state 270
    (
        1,
        (
            (0, 114, -1, 271, 81, 0),
            (0, 237, -1, 272, 148, 0),
        ),
    ),
    # state 271
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 272
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 273
    (1, ((0, 231, -1, 274, 143, 0),)),
    # state 274
    (1, ((0, 145, -1, 275, 101, 0),)),
    # state 275
    (
        1,
        (
            (0, 159, -1, 276, 65, 0),
            (0, 115, -1, 277, 82, 0),
            (0, 238, -1, 278, 149, 0),
        ),
    ),
    # state 276
    (
        1,
        (
            (0, 115, -1, 277, 82, 0),
            (0, 238, -1, 278, 149, 0),
        ),
    ),
    # state 277
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 278
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 279
    (1, ((0, 248, -1, 280, 127, 0),)),
    # state 280
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 281
    (1, ((0, 231, -1, 282, 143, 0),)),
    # state 282
    (1, ((0, 248, -1, 283, 127, 0),)),
    # state 283
    (1, ((0, 250, -1, 284, 154, 0),)),
    # state 284
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 285
    (
        1,
        (
            (0, 257, -1, 286, 158, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 286
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 287
    (1, ((0, 231, -1, 288, 143, 0),)),
    # state 288
    (1, ((0, 251, -1, 289, 65, 0),)),
    # state 289
    (1, ((0, 154, -1, 290, 107, 0),)),
    # state 290
    (
        1,
        (
            (0, 275, -1, 291, 107, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 291
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 292
    (1, ((0, 242, -1, 293, 151, 0),)),
    # state 293
    (
        1,
        (
            (0, 245, -1, 294, 152, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 294
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 295
    (1, ((0, 231, -1, 296, 143, 0),)),
    # state 296
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 297
    (1, ((0, 122, -1, 298, 87, 0),)),
    # state 298
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 299
    (1, ((0, 231, -1, 300, 143, 0),)),
    # state 300
    (1, ((0, 143, -1, 301, 87, 0),)),
    # state 301
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 302
    (1, ((0, 100, -1, 303, 73, 0),)),
    # state 303
    (
        1,
        (
            (0, 150, -1, 304, 105, 0),
            (0, 151, -1, 305, 106, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 304
    (
        1,
        (
            (0, 151, -1, 305, 106, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 305
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 306
    (1, ((0, 231, -1, 307, 143, 0),)),
    # state 307
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 308
    (1, ((0, 26, -1, 309, 44, 0),)),
    # state 309
    (1, ((0, 68, -1, 310, 43, 0),)),
    # state 310
    (
        1,
        (
            (0, 46, -1, 311, 13, 0),
            (0, 50, -1, 312, 19, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 311
    (
        1,
        (
            (0, 50, -1, 312, 19, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 312
    (
        1,
        (
            (0, 50, -1, 312, 19, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 313
    (
        1,
        (
            (0, 160, -1, 314, 111, 0),
            (4, -1, -1, 315, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 316, -1, 0),
        ),
    ),
    # state 314
    (
        1,
        (
            (4, -1, -1, 315, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 314, -1, 0),
        ),
    ),
    # state 315
    (
        1,
        (
            (4, -1, -1, 315, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 315, -1, 0),
        ),
    ),
    # state 316
    (
        1,
        (
            (0, 160, -1, 314, 111, 0),
            (4, -1, -1, 315, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 316, -1, 0),
        ),
    ),
    # state 317
    (1, ((0, 27, -1, 318, 42, 1),)),
    # state 318
    (
        1,
        (
            (0, 27, -1, 319, 42, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 319
    (
        1,
        (
            (0, 27, -1, 319, 42, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 320
    (1, ((1, 28, 0, 321, -1, 0),)),
    # state 321
    (
        1,
        (
            (4, -1, -1, 322, -1, 0),
            (6, -1, -1, 323, -1, 0),
        ),
    ),
    # state 322
    (
        1,
        (
            (4, -1, -1, 324, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 322, -1, 0),
        ),
    ),
    # state 323
    (
        1,
        (
            (4, -1, -1, 322, -1, 0),
            (6, -1, -1, 323, -1, 0),
        ),
    ),
    # state 324
    (
        1,
        (
            (4, -1, -1, 324, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 324, -1, 0),
        ),
    ),
    # state 325
    (1, ((2, -1, 1, 326, -1, 0),)),
    # state 326
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 327
    (1, ((0, 29, -1, 328, 7, 0),)),
    # state 328
    (1, ((0, 66, -1, 329, 40, 0),)),
    # state 329
    (1, ((0, 15, -1, 330, 24, 1),)),
    # state 330
    (
        1,
        (
            (0, 15, -1, 331, 24, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 331
    (
        1,
        (
            (0, 15, -1, 331, 24, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 332
    (1, ((0, 102, -1, 333, 74, 0),)),
    # state 333
    (1, ((0, 117, -1, 334, 84, 0),)),
    # state 334
    (1, ((0, 105, -1, 335, 76, 0),)),
    # state 335
    (
        1,
        (
            (0, 233, -1, 336, 145, 0),
            (0, 279, -1, 337, 163, 0),
            (0, 258, -1, 338, 159, 0),
        ),
    ),
    # state 336
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 337
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 338
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 339
    (1, ((0, 252, -1, 340, 155, 0),)),
    # state 340
    (1, ((0, 170, -1, 341, 119, 0),)),
    # state 341
    (
        1,
        (
            (0, 224, -1, 342, 142, 0),
            (0, 116, -1, 343, 83, 0),
            (0, 239, -1, 344, 150, 0),
        ),
    ),
    # state 342
    (
        1,
        (
            (0, 116, -1, 343, 83, 0),
            (0, 239, -1, 344, 150, 0),
        ),
    ),
    # state 343
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 344
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 345
    (
        1,
        (
            (0, 282, -1, 346, 14, 1),
            (4, -1, -1, 347, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 348, -1, 0),
        ),
    ),
    # state 346
    (
        1,
        (
            (0, 282, -1, 346, 14, 1),
            (4, -1, -1, 347, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 346, -1, 0),
        ),
    ),
    # state 347
    (
        1,
        (
            (0, 282, -1, 346, 14, 1),
            (4, -1, -1, 347, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 347, -1, 0),
        ),
    ),
    # state 348
    (
        1,
        (
            (0, 282, -1, 346, 14, 1),
            (4, -1, -1, 347, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 348, -1, 0),
        ),
    ),
    # state 349
    (
        1,
        (
            (0, 31, -1, 350, 47, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 350
    (
        1,
        (
            (0, 31, -1, 350, 47, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 351
    (1, ((0, 123, -1, 352, 89, 0),)),
    # state 352
    (1, ((0, 196, -1, 353, 128, 0),)),
    # state 353
    (
        1,
        (
            (0, 277, -1, 354, 78, 0),
            (0, 109, -1, 355, 78, 0),
            (0, 278, -1, 356, 78, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 354
    (
        1,
        (
            (0, 109, -1, 355, 78, 0),
            (0, 278, -1, 356, 78, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 355
    (
        1,
        (
            (0, 278, -1, 356, 78, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 356
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 357
    (1, ((0, 231, -1, 358, 143, 0),)),
    # state 358
    (
        1,
        (
            (0, 197, -1, 359, 78, 0),
            (0, 108, -1, 360, 78, 0),
            (0, 259, -1, 361, 78, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 359
    (
        1,
        (
            (0, 108, -1, 360, 78, 0),
            (0, 259, -1, 361, 78, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 360
    (
        1,
        (
            (0, 259, -1, 361, 78, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 361
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 362
    (1, ((0, 124, -1, 363, 90, 0),)),
    # state 363
    (1, ((0, 101, -1, 364, 68, 0),)),
    # state 364
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 365
    (1, ((0, 231, -1, 366, 143, 0),)),
    # state 366
    (1, ((0, 142, -1, 367, 102, 0),)),
    # state 367
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 368
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 369
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 370
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 371
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 372
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 373
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 374
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 375
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 376
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 377
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 378
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 379
    (
        1,
        (
            (0, 32, -1, 374, 144, 1),
            (0, 33, -1, 375, 124, 1),
            (0, 34, -1, 376, 14, 1),
            (0, 35, -1, 377, 124, 1),
            (0, 36, -1, 378, 124, 1),
            (4, -1, -1, 379, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 380
    (1, ((0, 272, -1, 381, 68, 0),)),
    # state 381
    (1, ((0, 220, -1, 382, 140, 0),)),
    # state 382
    (
        1,
        (
            (0, 219, -1, 383, 106, 0),
            (0, 104, -1, 384, 75, 0),
        ),
    ),
    # state 383
    (1, ((0, 104, -1, 384, 75, 0),)),
    # state 384
    (1, ((0, 163, -1, 385, 113, 0),)),
    # state 385
    (1, ((0, 211, -1, 386, 87, 0),)),
    # state 386
    (
        1,
        (
            (0, 176, -1, 387, 64, 0),
            (0, 166, -1, 388, 64, 0),
            (0, 271, -1, 389, 162, 0),
            (0, 218, -1, 390, 139, 0),
        ),
    ),
    # state 387
    (
        1,
        (
            (0, 166, -1, 388, 64, 0),
            (0, 271, -1, 389, 162, 0),
            (0, 218, -1, 390, 139, 0),
        ),
    ),
    # state 388
    (
        1,
        (
            (0, 271, -1, 389, 162, 0),
            (0, 218, -1, 390, 139, 0),
        ),
    ),
    # state 389
    (1, ((0, 218, -1, 390, 139, 0),)),
    # state 390
    (
        1,
        (
            (0, 189, -1, 391, 123, 0),
            (0, 77, -1, 392, 61, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 391
    (
        1,
        (
            (0, 77, -1, 392, 61, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 392
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 393
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 394
    (
        1,
        (
            (0, 78, -1, 395, 62, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 395
    (
        1,
        (
            (0, 78, -1, 396, 62, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 396
    (
        1,
        (
            (0, 78, -1, 397, 62, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 397
    (
        1,
        (
            (0, 78, -1, 398, 62, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 398
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 399
    (1, ((0, 247, -1, 400, 64, 0),)),
    # state 400
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 401
    (1, ((0, 103, -1, 402, 64, 0),)),
    # state 402
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 403
    (1, ((0, 276, -1, 404, 78, 0),)),
    # state 404
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 405
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 406
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 407
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 408
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 409
    (
        1,
        (
            (0, 255, -1, 410, 156, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 410
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 411
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 412
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 413
    (
        1,
        (
            (0, 75, -1, 414, 59, 0),
            (0, 213, -1, 415, 134, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 414
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 415
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 416
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 417
    (1, ((0, 255, -1, 418, 156, 0),)),
    # state 418
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 419
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 420
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 421
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 422
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 423
    (
        1,
        (
            (0, 178, -1, 424, 116, 0),
            (0, 263, -1, 425, 116, 0),
            (0, 167, -1, 426, 116, 0),
            (0, 228, -1, 427, 77, 0),
            (0, 229, -1, 428, 77, 0),
            (0, 227, -1, 429, 77, 0),
            (0, 98, -1, 430, 65, 0),
            (0, 90, -1, 431, 64, 0),
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 424
    (
        1,
        (
            (0, 263, -1, 425, 116, 0),
            (0, 167, -1, 426, 116, 0),
            (0, 228, -1, 427, 77, 0),
            (0, 229, -1, 428, 77, 0),
            (0, 227, -1, 429, 77, 0),
            (0, 98, -1, 430, 65, 0),
            (0, 90, -1, 431, 64, 0),
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 425
    (
        1,
        (
            (0, 167, -1, 426, 116, 0),
            (0, 228, -1, 427, 77, 0),
            (0, 229, -1, 428, 77, 0),
            (0, 227, -1, 429, 77, 0),
            (0, 98, -1, 430, 65, 0),
            (0, 90, -1, 431, 64, 0),
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 426
    (
        1,
        (
            (0, 228, -1, 427, 77, 0),
            (0, 229, -1, 428, 77, 0),
            (0, 227, -1, 429, 77, 0),
            (0, 98, -1, 430, 65, 0),
            (0, 90, -1, 431, 64, 0),
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 427
    (
        1,
        (
            (0, 229, -1, 428, 77, 0),
            (0, 227, -1, 429, 77, 0),
            (0, 98, -1, 430, 65, 0),
            (0, 90, -1, 431, 64, 0),
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 428
    (
        1,
        (
            (0, 227, -1, 429, 77, 0),
            (0, 98, -1, 430, 65, 0),
            (0, 90, -1, 431, 64, 0),
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 429
    (
        1,
        (
            (0, 98, -1, 430, 65, 0),
            (0, 90, -1, 431, 64, 0),
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 430
    (
        1,
        (
            (0, 90, -1, 431, 64, 0),
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 431
    (
        1,
        (
            (0, 161, -1, 432, 65, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 432
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 433
    (
        1,
        (
            (0, 177, -1, 434, 116, 0),
            (0, 262, -1, 435, 116, 0),
            (0, 148, -1, 436, 64, 0),
        ),
    ),
    # state 434
    (
        1,
        (
            (0, 262, -1, 435, 116, 0),
            (0, 148, -1, 436, 64, 0),
        ),
    ),
    # state 435
    (1, ((0, 148, -1, 436, 64, 0),)),
    # state 436
    (1, ((0, 126, -1, 437, 64, 0),)),
    # state 437
    (1, ((0, 129, -1, 438, 64, 0),)),
    # state 438
    (
        1,
        (
            (0, 128, -1, 439, 64, 0),
            (0, 131, -1, 440, 64, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 439
    (
        1,
        (
            (0, 131, -1, 440, 64, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 440
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 441
    (
        1,
        (
            (0, 177, -1, 442, 116, 0),
            (0, 262, -1, 443, 116, 0),
            (0, 75, -1, 444, 59, 0),
            (0, 213, -1, 445, 134, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 442
    (
        1,
        (
            (0, 262, -1, 443, 116, 0),
            (0, 75, -1, 444, 59, 0),
            (0, 213, -1, 445, 134, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 443
    (
        1,
        (
            (0, 75, -1, 444, 59, 0),
            (0, 213, -1, 445, 134, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 444
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 445
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 446
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 447
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 448
    (1, ((0, 104, -1, 449, 75, 0),)),
    # state 449
    (1, ((0, 211, -1, 450, 87, 0),)),
    # state 450
    (1, ((0, 140, -1, 451, 100, 0),)),
    # state 451
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 452
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 453
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 454
    (1, ((0, 121, -1, 455, 88, 0),)),
    # state 455
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 456
    (
        1,
        (
            (0, 113, -1, 457, 80, 0),
            (0, 236, -1, 458, 147, 0),
        ),
    ),
    # state 457
    (1, ((0, 133, -1, 459, 93, 0),)),
    # state 458
    (1, ((0, 133, -1, 459, 93, 0),)),
    # state 459
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 460
    (
        1,
        (
            (0, 134, -1, 461, 94, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 461
    (
        1,
        (
            (0, 134, -1, 461, 94, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 462
    (1, ((0, 201, -1, 463, 64, 0),)),
    # state 463
    (
        1,
        (
            (0, 208, -1, 464, 64, 0),
            (0, 209, -1, 465, 64, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 464
    (
        1,
        (
            (0, 209, -1, 465, 64, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 465
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 466
    (1, ((0, 136, -1, 467, 96, 0),)),
    # state 467
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 468
    (
        1,
        (
            (0, 137, -1, 469, 97, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 469
    (
        1,
        (
            (0, 137, -1, 469, 97, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 470
    (1, ((0, 201, -1, 471, 64, 0),)),
    # state 471
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 472
    (1, ((0, 202, -1, 473, 64, 0),)),
    # state 473
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 474
    (1, ((0, 138, -1, 475, 98, 1),)),
    # state 475
    (
        1,
        (
            (0, 138, -1, 476, 98, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 476
    (
        1,
        (
            (0, 138, -1, 477, 98, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 477
    (
        1,
        (
            (0, 138, -1, 478, 98, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 478
    (
        1,
        (
            (0, 138, -1, 479, 98, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 479
    (
        1,
        (
            (0, 138, -1, 480, 98, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 480
    (
        1,
        (
            (0, 138, -1, 481, 98, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 481
    (
        1,
        (
            (0, 138, -1, 482, 98, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 482
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 483
    (
        1,
        (
            (0, 139, -1, 484, 99, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 484
    (
        1,
        (
            (0, 139, -1, 484, 99, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 485
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 486
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 487
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 488
    (1, ((0, 144, -1, 489, 103, 0),)),
    # state 489
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 490
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 491
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 492
    (
        1,
        (
            (0, 246, -1, 493, 153, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 493
    (
        1,
        (
            (0, 246, -1, 494, 153, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 494
    (
        1,
        (
            (0, 246, -1, 495, 153, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 495
    (
        1,
        (
            (0, 246, -1, 496, 153, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 496
    (
        1,
        (
            (0, 246, -1, 497, 153, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 497
    (
        1,
        (
            (0, 246, -1, 498, 153, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 498
    (
        1,
        (
            (0, 246, -1, 499, 153, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 499
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 500
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 501
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 502
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 503
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 504
    (1, ((0, 274, -1, 505, 68, 0),)),
    # state 505
    (
        1,
        (
            (0, 65, -1, 506, 39, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 506
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 507
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 508
    (
        1,
        (
            (0, 232, -1, 509, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 509
    (
        1,
        (
            (0, 232, -1, 510, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 510
    (
        1,
        (
            (0, 232, -1, 511, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 511
    (
        1,
        (
            (0, 232, -1, 512, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 512
    (
        1,
        (
            (0, 232, -1, 513, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 513
    (
        1,
        (
            (0, 232, -1, 514, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 514
    (
        1,
        (
            (0, 232, -1, 515, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 515
    (
        1,
        (
            (0, 232, -1, 516, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 516
    (
        1,
        (
            (0, 232, -1, 517, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 517
    (
        1,
        (
            (0, 232, -1, 518, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 518
    (
        1,
        (
            (0, 232, -1, 519, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 519
    (
        1,
        (
            (0, 232, -1, 520, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 520
    (
        1,
        (
            (0, 232, -1, 521, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 521
    (
        1,
        (
            (0, 232, -1, 522, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 522
    (
        1,
        (
            (0, 232, -1, 523, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 523
    (
        1,
        (
            (0, 232, -1, 524, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 524
    (
        1,
        (
            (0, 232, -1, 525, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 525
    (
        1,
        (
            (0, 232, -1, 526, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 526
    (
        1,
        (
            (0, 232, -1, 527, 144, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 527
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 528
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 529
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 530
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 531
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 532
    (1, ((0, 97, -1, 533, 68, 0),)),
    # state 533
    (
        1,
        (
            (0, 88, -1, 534, 68, 0),
            (0, 92, -1, 535, 68, 0),
            (0, 89, -1, 536, 68, 0),
            (0, 173, -1, 537, 120, 0),
            (0, 174, -1, 538, 78, 0),
            (0, 175, -1, 539, 68, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 534
    (
        1,
        (
            (0, 92, -1, 535, 68, 0),
            (0, 89, -1, 536, 68, 0),
            (0, 173, -1, 537, 120, 0),
            (0, 174, -1, 538, 78, 0),
            (0, 175, -1, 539, 68, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 535
    (
        1,
        (
            (0, 89, -1, 536, 68, 0),
            (0, 173, -1, 537, 120, 0),
            (0, 174, -1, 538, 78, 0),
            (0, 175, -1, 539, 68, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 536
    (
        1,
        (
            (0, 173, -1, 537, 120, 0),
            (0, 174, -1, 538, 78, 0),
            (0, 175, -1, 539, 68, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 537
    (
        1,
        (
            (0, 174, -1, 538, 78, 0),
            (0, 175, -1, 539, 68, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 538
    (
        1,
        (
            (0, 175, -1, 539, 68, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 539
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 540
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 541
    (1, ((0, 94, -1, 542, 70, 0),)),
    # state 542
    (
        1,
        (
            (0, 255, -1, 543, 156, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 543
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 544
    (1, ((0, 254, -1, 545, 77, 0),)),
    # state 545
    (1, ((0, 184, -1, 546, 64, 0),)),
    # state 546
    (1, ((0, 185, -1, 547, 77, 0),)),
    # state 547
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 548
    (
        1,
        (
            (0, 186, -1, 549, 64, 0),
            (0, 187, -1, 550, 122, 1),
        ),
    ),
    # state 549
    (1, ((0, 187, -1, 550, 122, 1),)),
    # state 550
    (
        1,
        (
            (0, 187, -1, 551, 122, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 551
    (
        1,
        (
            (0, 187, -1, 552, 122, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 552
    (
        1,
        (
            (0, 187, -1, 553, 122, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 553
    (
        1,
        (
            (0, 187, -1, 554, 122, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 554
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 555
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 556
    (
        1,
        (
            (0, 283, -1, 557, 65, 0),
            (0, 284, -1, 558, 109, 0),
            (0, 288, -1, 559, 78, 0),
            (0, 286, -1, 560, 165, 0),
            (0, 287, -1, 561, 64, 0),
            (0, 285, -1, 562, 105, 0),
        ),
    ),
    # state 557
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 558
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 559
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 560
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 561
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 562
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 563
    (1, ((0, 191, -1, 564, 125, 1),)),
    # state 564
    (
        1,
        (
            (0, 191, -1, 565, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 565
    (
        1,
        (
            (0, 191, -1, 566, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 566
    (
        1,
        (
            (0, 191, -1, 567, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 567
    (
        1,
        (
            (0, 191, -1, 568, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 568
    (
        1,
        (
            (0, 191, -1, 569, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 569
    (
        1,
        (
            (0, 191, -1, 570, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 570
    (
        1,
        (
            (0, 191, -1, 571, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 571
    (
        1,
        (
            (0, 191, -1, 572, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 572
    (
        1,
        (
            (0, 191, -1, 573, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 573
    (
        1,
        (
            (0, 191, -1, 574, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 574
    (
        1,
        (
            (0, 191, -1, 575, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 575
    (
        1,
        (
            (0, 191, -1, 576, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 576
    (
        1,
        (
            (0, 191, -1, 577, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 577
    (
        1,
        (
            (0, 191, -1, 578, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 578
    (
        1,
        (
            (0, 191, -1, 579, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 579
    (
        1,
        (
            (0, 191, -1, 580, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 580
    (
        1,
        (
            (0, 191, -1, 581, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 581
    (
        1,
        (
            (0, 191, -1, 582, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 582
    (
        1,
        (
            (0, 191, -1, 583, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 583
    (
        1,
        (
            (0, 191, -1, 584, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 584
    (
        1,
        (
            (0, 191, -1, 585, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 585
    (
        1,
        (
            (0, 191, -1, 586, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 586
    (
        1,
        (
            (0, 191, -1, 587, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 587
    (
        1,
        (
            (0, 191, -1, 588, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 588
    (
        1,
        (
            (0, 191, -1, 589, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 589
    (
        1,
        (
            (0, 191, -1, 590, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 590
    (
        1,
        (
            (0, 191, -1, 591, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 591
    (
        1,
        (
            (0, 191, -1, 592, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 592
    (
        1,
        (
            (0, 191, -1, 593, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 593
    (
        1,
        (
            (0, 191, -1, 594, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 594
    (
        1,
        (
            (0, 191, -1, 595, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 595
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 596
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 597
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 598
    (1, ((0, 158, -1, 599, 110, 0),)),
    # state 599
    (1, ((0, 102, -1, 600, 74, 0),)),
    # state 600
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 601
    (
        1,
        (
            (0, 256, -1, 602, 157, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 602
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 603
    (
        1,
        (
            (0, 86, -1, 604, 64, 0),
            (0, 206, -1, 605, 64, 0),
            (0, 204, -1, 606, 132, 0),
        ),
    ),
    # state 604
    (
        1,
        (
            (0, 206, -1, 605, 64, 0),
            (0, 204, -1, 606, 132, 0),
        ),
    ),
    # state 605
    (1, ((0, 204, -1, 606, 132, 0),)),
    # state 606
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 607
    (
        1,
        (
            (0, 205, -1, 608, 94, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 608
    (
        1,
        (
            (0, 205, -1, 608, 94, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 609
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 610
    (1, ((0, 272, -1, 611, 68, 0),)),
    # state 611
    (1, ((0, 220, -1, 612, 140, 0),)),
    # state 612
    (
        1,
        (
            (0, 219, -1, 613, 106, 0),
            (0, 180, -1, 614, 115, 0),
        ),
    ),
    # state 613
    (1, ((0, 180, -1, 614, 115, 0),)),
    # state 614
    (1, ((0, 214, -1, 615, 135, 0),)),
    # state 615
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 616
    (
        1,
        (
            (0, 215, -1, 617, 136, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 617
    (
        1,
        (
            (0, 215, -1, 617, 136, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 618
    (1, ((0, 212, -1, 619, 115, 0),)),
    # state 619
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 620
    (
        1,
        (
            (0, 194, -1, 621, 64, 0),
            (0, 195, -1, 622, 77, 0),
            (0, 93, -1, 623, 60, 0),
            (0, 230, -1, 624, 115, 0),
            (0, 202, -1, 625, 64, 0),
        ),
    ),
    # state 621
    (
        1,
        (
            (0, 195, -1, 622, 77, 0),
            (0, 93, -1, 623, 60, 0),
            (0, 230, -1, 624, 115, 0),
            (0, 202, -1, 625, 64, 0),
        ),
    ),
    # state 622
    (
        1,
        (
            (0, 93, -1, 623, 60, 0),
            (0, 230, -1, 624, 115, 0),
            (0, 202, -1, 625, 64, 0),
        ),
    ),
    # state 623
    (
        1,
        (
            (0, 230, -1, 624, 115, 0),
            (0, 202, -1, 625, 64, 0),
        ),
    ),
    # state 624
    (1, ((0, 202, -1, 625, 64, 0),)),
    # state 625
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 626
    (1, ((0, 216, -1, 627, 137, 1),)),
    # state 627
    (
        1,
        (
            (0, 216, -1, 628, 137, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 628
    (
        1,
        (
            (0, 216, -1, 629, 137, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 629
    (
        1,
        (
            (0, 216, -1, 630, 137, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 630
    (
        1,
        (
            (0, 216, -1, 631, 137, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 631
    (
        1,
        (
            (0, 216, -1, 632, 137, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 632
    (
        1,
        (
            (0, 216, -1, 633, 137, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 633
    (
        1,
        (
            (0, 216, -1, 634, 137, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 634
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 635
    (
        1,
        (
            (0, 217, -1, 636, 138, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 636
    (
        1,
        (
            (0, 217, -1, 636, 138, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 637
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 638
    (
        1,
        (
            (0, 120, -1, 639, 87, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 639
    (
        1,
        (
            (0, 120, -1, 640, 87, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 640
    (
        1,
        (
            (0, 120, -1, 641, 87, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 641
    (
        1,
        (
            (0, 120, -1, 642, 87, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 642
    (
        1,
        (
            (0, 120, -1, 643, 87, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 643
    (
        1,
        (
            (0, 120, -1, 644, 87, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 644
    (
        1,
        (
            (0, 120, -1, 645, 87, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 645
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 646
    (
        1,
        (
            (0, 152, -1, 647, 63, 0),
            (0, 182, -1, 648, 63, 0),
            (0, 79, -1, 649, 63, 0),
            (0, 183, -1, 650, 63, 0),
            (0, 264, -1, 651, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 647
    (
        1,
        (
            (0, 182, -1, 648, 63, 0),
            (0, 79, -1, 649, 63, 0),
            (0, 183, -1, 650, 63, 0),
            (0, 264, -1, 651, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 648
    (
        1,
        (
            (0, 79, -1, 649, 63, 0),
            (0, 183, -1, 650, 63, 0),
            (0, 264, -1, 651, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 649
    (
        1,
        (
            (0, 183, -1, 650, 63, 0),
            (0, 264, -1, 651, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 650
    (
        1,
        (
            (0, 264, -1, 651, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 651
    (
        1,
        (
            (0, 264, -1, 652, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 652
    (
        1,
        (
            (0, 264, -1, 653, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 653
    (
        1,
        (
            (0, 264, -1, 654, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 654
    (
        1,
        (
            (0, 264, -1, 655, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 655
    (
        1,
        (
            (0, 264, -1, 656, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 656
    (
        1,
        (
            (0, 264, -1, 657, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 657
    (
        1,
        (
            (0, 264, -1, 658, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 658
    (
        1,
        (
            (0, 264, -1, 659, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 659
    (
        1,
        (
            (0, 264, -1, 660, 160, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 660
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 661
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 662
    (1, ((0, 281, -1, 663, 164, 0),)),
    # state 663
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 664
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 665
    (1, ((0, 99, -1, 666, 72, 0),)),
    # state 666
    (
        1,
        (
            (0, 110, -1, 667, 72, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 667
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 668
    (
        1,
        (
            (0, 207, -1, 669, 133, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 669
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 670
    (
        1,
        (
            (0, 148, -1, 671, 64, 0),
            (0, 126, -1, 672, 64, 0),
            (0, 129, -1, 673, 64, 0),
            (0, 125, -1, 674, 91, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 671
    (
        1,
        (
            (0, 126, -1, 672, 64, 0),
            (0, 129, -1, 673, 64, 0),
            (0, 125, -1, 674, 91, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 672
    (
        1,
        (
            (0, 129, -1, 673, 64, 0),
            (0, 125, -1, 674, 91, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 673
    (
        1,
        (
            (0, 125, -1, 674, 91, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 674
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 675
    (
        1,
        (
            (0, 234, -1, 676, 146, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 676
    (
        1,
        (
            (0, 234, -1, 677, 146, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 677
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 678
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 679
    (1, ((0, 193, -1, 680, 127, 0),)),
    # state 680
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 681
    (
        1,
        (
            (0, 244, -1, 682, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 682
    (
        1,
        (
            (0, 244, -1, 683, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 683
    (
        1,
        (
            (0, 244, -1, 684, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 684
    (
        1,
        (
            (0, 244, -1, 685, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 685
    (
        1,
        (
            (0, 244, -1, 686, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 686
    (
        1,
        (
            (0, 244, -1, 687, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 687
    (
        1,
        (
            (0, 244, -1, 688, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 688
    (
        1,
        (
            (0, 244, -1, 689, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 689
    (
        1,
        (
            (0, 244, -1, 690, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 690
    (
        1,
        (
            (0, 244, -1, 691, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 691
    (
        1,
        (
            (0, 244, -1, 692, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 692
    (
        1,
        (
            (0, 244, -1, 693, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 693
    (
        1,
        (
            (0, 244, -1, 694, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 694
    (
        1,
        (
            (0, 244, -1, 695, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 695
    (
        1,
        (
            (0, 244, -1, 696, 151, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 696
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 697
    (1, ((0, 157, -1, 698, 65, 0),)),
    # state 698
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 699
    (
        1,
        (
            (0, 192, -1, 700, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 700
    (
        1,
        (
            (0, 192, -1, 701, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 701
    (
        1,
        (
            (0, 192, -1, 702, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 702
    (
        1,
        (
            (0, 192, -1, 703, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 703
    (
        1,
        (
            (0, 192, -1, 704, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 704
    (
        1,
        (
            (0, 192, -1, 705, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 705
    (
        1,
        (
            (0, 192, -1, 706, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 706
    (
        1,
        (
            (0, 192, -1, 707, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 707
    (
        1,
        (
            (0, 192, -1, 708, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 708
    (
        1,
        (
            (0, 192, -1, 709, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 709
    (
        1,
        (
            (0, 192, -1, 710, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 710
    (
        1,
        (
            (0, 192, -1, 711, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 711
    (
        1,
        (
            (0, 192, -1, 712, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 712
    (
        1,
        (
            (0, 192, -1, 713, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 713
    (
        1,
        (
            (0, 192, -1, 714, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 714
    (
        1,
        (
            (0, 192, -1, 715, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 715
    (
        1,
        (
            (0, 192, -1, 716, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 716
    (
        1,
        (
            (0, 192, -1, 717, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 717
    (
        1,
        (
            (0, 192, -1, 718, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 718
    (
        1,
        (
            (0, 192, -1, 719, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 719
    (
        1,
        (
            (0, 192, -1, 720, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 720
    (
        1,
        (
            (0, 192, -1, 721, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 721
    (
        1,
        (
            (0, 192, -1, 722, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 722
    (
        1,
        (
            (0, 192, -1, 723, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 723
    (
        1,
        (
            (0, 192, -1, 724, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 724
    (
        1,
        (
            (0, 192, -1, 725, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 725
    (
        1,
        (
            (0, 192, -1, 726, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 726
    (
        1,
        (
            (0, 192, -1, 727, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 727
    (
        1,
        (
            (0, 192, -1, 728, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 728
    (
        1,
        (
            (0, 192, -1, 729, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 729
    (
        1,
        (
            (0, 192, -1, 730, 126, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 730
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 731
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 732
    (
        1,
        (
            (0, 94, -1, 733, 70, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 733
    (
        1,
        (
            (0, 94, -1, 734, 70, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 734
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 735
    (
        1,
        (
            (0, 222, -1, 736, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 736
    (
        1,
        (
            (0, 222, -1, 737, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 737
    (
        1,
        (
            (0, 222, -1, 738, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 738
    (
        1,
        (
            (0, 222, -1, 739, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 739
    (
        1,
        (
            (0, 222, -1, 740, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 740
    (
        1,
        (
            (0, 222, -1, 741, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 741
    (
        1,
        (
            (0, 222, -1, 742, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 742
    (
        1,
        (
            (0, 222, -1, 743, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 743
    (
        1,
        (
            (0, 222, -1, 744, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 744
    (
        1,
        (
            (0, 222, -1, 745, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 745
    (
        1,
        (
            (0, 222, -1, 746, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 746
    (
        1,
        (
            (0, 222, -1, 747, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 747
    (
        1,
        (
            (0, 222, -1, 748, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 748
    (
        1,
        (
            (0, 222, -1, 749, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 749
    (
        1,
        (
            (0, 222, -1, 750, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 750
    (
        1,
        (
            (0, 222, -1, 751, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 751
    (
        1,
        (
            (0, 222, -1, 752, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 752
    (
        1,
        (
            (0, 222, -1, 753, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 753
    (
        1,
        (
            (0, 222, -1, 754, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 754
    (
        1,
        (
            (0, 222, -1, 755, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 755
    (
        1,
        (
            (0, 222, -1, 756, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 756
    (
        1,
        (
            (0, 222, -1, 757, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 757
    (
        1,
        (
            (0, 222, -1, 758, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 758
    (
        1,
        (
            (0, 222, -1, 759, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 759
    (
        1,
        (
            (0, 222, -1, 760, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 760
    (
        1,
        (
            (0, 222, -1, 761, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 761
    (
        1,
        (
            (0, 222, -1, 762, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 762
    (
        1,
        (
            (0, 222, -1, 763, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 763
    (
        1,
        (
            (0, 222, -1, 764, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 764
    (
        1,
        (
            (0, 222, -1, 765, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 765
    (
        1,
        (
            (0, 222, -1, 766, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 766
    (
        1,
        (
            (0, 222, -1, 767, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 767
    (
        1,
        (
            (0, 222, -1, 768, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 768
    (
        1,
        (
            (0, 222, -1, 769, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 769
    (
        1,
        (
            (0, 222, -1, 770, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 770
    (
        1,
        (
            (0, 222, -1, 771, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 771
    (
        1,
        (
            (0, 222, -1, 772, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 772
    (
        1,
        (
            (0, 222, -1, 773, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 773
    (
        1,
        (
            (0, 222, -1, 774, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 774
    (
        1,
        (
            (0, 222, -1, 775, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 775
    (
        1,
        (
            (0, 222, -1, 776, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 776
    (
        1,
        (
            (0, 222, -1, 777, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 777
    (
        1,
        (
            (0, 222, -1, 778, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 778
    (
        1,
        (
            (0, 222, -1, 779, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 779
    (
        1,
        (
            (0, 222, -1, 780, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 780
    (
        1,
        (
            (0, 222, -1, 781, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 781
    (
        1,
        (
            (0, 222, -1, 782, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 782
    (
        1,
        (
            (0, 222, -1, 783, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 783
    (
        1,
        (
            (0, 222, -1, 784, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 784
    (
        1,
        (
            (0, 222, -1, 785, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 785
    (
        1,
        (
            (0, 222, -1, 786, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 786
    (
        1,
        (
            (0, 222, -1, 787, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 787
    (
        1,
        (
            (0, 222, -1, 788, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 788
    (
        1,
        (
            (0, 222, -1, 789, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 789
    (
        1,
        (
            (0, 222, -1, 790, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 790
    (
        1,
        (
            (0, 222, -1, 791, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 791
    (
        1,
        (
            (0, 222, -1, 792, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 792
    (
        1,
        (
            (0, 222, -1, 793, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 793
    (
        1,
        (
            (0, 222, -1, 794, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 794
    (
        1,
        (
            (0, 222, -1, 795, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 795
    (
        1,
        (
            (0, 222, -1, 796, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 796
    (
        1,
        (
            (0, 222, -1, 797, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 797
    (
        1,
        (
            (0, 222, -1, 798, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 798
    (
        1,
        (
            (0, 222, -1, 799, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 799
    (
        1,
        (
            (0, 222, -1, 800, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 800
    (
        1,
        (
            (0, 222, -1, 801, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 801
    (
        1,
        (
            (0, 222, -1, 802, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 802
    (
        1,
        (
            (0, 222, -1, 803, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 803
    (
        1,
        (
            (0, 222, -1, 804, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 804
    (
        1,
        (
            (0, 222, -1, 805, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 805
    (
        1,
        (
            (0, 222, -1, 806, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 806
    (
        1,
        (
            (0, 222, -1, 807, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 807
    (
        1,
        (
            (0, 222, -1, 808, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 808
    (
        1,
        (
            (0, 222, -1, 809, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 809
    (
        1,
        (
            (0, 222, -1, 810, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 810
    (
        1,
        (
            (0, 222, -1, 811, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 811
    (
        1,
        (
            (0, 222, -1, 812, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 812
    (
        1,
        (
            (0, 222, -1, 813, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 813
    (
        1,
        (
            (0, 222, -1, 814, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 814
    (
        1,
        (
            (0, 222, -1, 815, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 815
    (
        1,
        (
            (0, 222, -1, 816, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 816
    (
        1,
        (
            (0, 222, -1, 817, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 817
    (
        1,
        (
            (0, 222, -1, 818, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 818
    (
        1,
        (
            (0, 222, -1, 819, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 819
    (
        1,
        (
            (0, 222, -1, 820, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 820
    (
        1,
        (
            (0, 222, -1, 821, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 821
    (
        1,
        (
            (0, 222, -1, 822, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 822
    (
        1,
        (
            (0, 222, -1, 823, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 823
    (
        1,
        (
            (0, 222, -1, 824, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 824
    (
        1,
        (
            (0, 222, -1, 825, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 825
    (
        1,
        (
            (0, 222, -1, 826, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 826
    (
        1,
        (
            (0, 222, -1, 827, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 827
    (
        1,
        (
            (0, 222, -1, 828, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 828
    (
        1,
        (
            (0, 222, -1, 829, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 829
    (
        1,
        (
            (0, 222, -1, 830, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 830
    (
        1,
        (
            (0, 222, -1, 831, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 831
    (
        1,
        (
            (0, 222, -1, 832, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 832
    (
        1,
        (
            (0, 222, -1, 833, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 833
    (
        1,
        (
            (0, 222, -1, 834, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 834
    (
        1,
        (
            (0, 222, -1, 835, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 835
    (
        1,
        (
            (0, 222, -1, 836, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 836
    (
        1,
        (
            (0, 222, -1, 837, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 837
    (
        1,
        (
            (0, 222, -1, 838, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 838
    (
        1,
        (
            (0, 222, -1, 839, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 839
    (
        1,
        (
            (0, 222, -1, 840, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 840
    (
        1,
        (
            (0, 222, -1, 841, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 841
    (
        1,
        (
            (0, 222, -1, 842, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 842
    (
        1,
        (
            (0, 222, -1, 843, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 843
    (
        1,
        (
            (0, 222, -1, 844, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 844
    (
        1,
        (
            (0, 222, -1, 845, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 845
    (
        1,
        (
            (0, 222, -1, 846, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 846
    (
        1,
        (
            (0, 222, -1, 847, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 847
    (
        1,
        (
            (0, 222, -1, 848, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 848
    (
        1,
        (
            (0, 222, -1, 849, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 849
    (
        1,
        (
            (0, 222, -1, 850, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 850
    (
        1,
        (
            (0, 222, -1, 851, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 851
    (
        1,
        (
            (0, 222, -1, 852, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 852
    (
        1,
        (
            (0, 222, -1, 853, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 853
    (
        1,
        (
            (0, 222, -1, 854, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 854
    (
        1,
        (
            (0, 222, -1, 855, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 855
    (
        1,
        (
            (0, 222, -1, 856, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 856
    (
        1,
        (
            (0, 222, -1, 857, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 857
    (
        1,
        (
            (0, 222, -1, 858, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 858
    (
        1,
        (
            (0, 222, -1, 859, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 859
    (
        1,
        (
            (0, 222, -1, 860, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 860
    (
        1,
        (
            (0, 222, -1, 861, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 861
    (
        1,
        (
            (0, 222, -1, 862, 105, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 862
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 863
    (
        1,
        (
            (0, 248, -1, 864, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 864
    (
        1,
        (
            (0, 248, -1, 865, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 865
    (
        1,
        (
            (0, 248, -1, 866, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 866
    (
        1,
        (
            (0, 248, -1, 867, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 867
    (
        1,
        (
            (0, 248, -1, 868, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 868
    (
        1,
        (
            (0, 248, -1, 869, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 869
    (
        1,
        (
            (0, 248, -1, 870, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 870
    (
        1,
        (
            (0, 248, -1, 871, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 871
    (
        1,
        (
            (0, 248, -1, 872, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 872
    (
        1,
        (
            (0, 248, -1, 873, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 873
    (
        1,
        (
            (0, 248, -1, 874, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 874
    (
        1,
        (
            (0, 248, -1, 875, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 875
    (
        1,
        (
            (0, 248, -1, 876, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 876
    (
        1,
        (
            (0, 248, -1, 877, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 877
    (
        1,
        (
            (0, 248, -1, 878, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 878
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 879
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 880
    (1, ((0, 80, -1, 881, 64, 0),)),
    # state 881
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 882
    (
        1,
        (
            (0, 270, -1, 883, 105, 0),
            (0, 266, -1, 884, 64, 0),
        ),
    ),
    # state 883
    (1, ((0, 266, -1, 884, 64, 0),)),
    # state 884
    (
        1,
        (
            (0, 265, -1, 885, 65, 0),
            (0, 82, -1, 886, 65, 0),
        ),
    ),
    # state 885
    (1, ((0, 82, -1, 886, 65, 0),)),
    # state 886
    (1, ((0, 84, -1, 887, 65, 0),)),
    # state 887
    (1, ((0, 83, -1, 888, 65, 0),)),
    # state 888
    (1, ((0, 81, -1, 889, 65, 0),)),
    # state 889
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 890
    (
        1,
        (
            (0, 267, -1, 891, 161, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 891
    (
        1,
        (
            (0, 267, -1, 892, 161, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 892
    (
        1,
        (
            (0, 267, -1, 893, 161, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 893
    (
        1,
        (
            (0, 267, -1, 894, 161, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 894
    (
        1,
        (
            (0, 267, -1, 895, 161, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 895
    (
        1,
        (
            (0, 267, -1, 896, 161, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 896
    (
        1,
        (
            (0, 267, -1, 897, 161, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 897
    (
        1,
        (
            (0, 267, -1, 898, 161, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 898
    (
        1,
        (
            (0, 267, -1, 899, 161, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 899
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 900
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 901
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 902
    (1, ((3, -1, -1, -1, -1, 0),)),
)

DOCUMENT = 54

FRAGMENT = 56
