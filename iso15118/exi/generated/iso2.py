"""EXI grammar tables for iso15118_2/V2G_CI_MsgDef.xsd. GENERATED, do not edit.

Regenerate with `python -m iso15118.exi.generate SCHEMAS_DIR` (see docs/exi.md).
STATES: (escape, productions); production: (event kind, qname index,
datatype index, next state, element grammar state, is-list flag).
"""

QNAMES = (
    ("urn:iso:15118:2:2013:MsgDataTypes", "DepartureTime"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EAmount"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "AC_EVSEStatus"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "NotificationMaxDelay"),
    ("urn:iso:15118:2:2013:MsgBody", "Id"),
    ("urn:iso:15118:2:2013:MsgBody", "GenChallenge"),
    ("urn:iso:15118:2:2013:MsgBody", "ResponseCode"),
    ("urn:iso:15118:2:2013:MsgBody", "DC_EVStatus"),
    ("", "Algorithm"),
    ("urn:iso:15118:2:2013:MsgBody", "MaxEntriesSAScheduleTuple"),
    ("urn:iso:15118:2:2013:MsgBody", "RequestedEnergyTransferMode"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "DC_EVStatus"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "DC_EVSEStatus"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVReady"),
    ("http://www.w3.org/2000/09/xmldsig#", "P"),
    ("http://www.w3.org/2000/09/xmldsig#", "G"),
    ("http://www.w3.org/2000/09/xmldsig#", "Y"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "RelativeTimeInterval"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "TimeInterval"),
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
    ("urn:iso:15118:2:2013:MsgBody", "SessionID"),
    ("", "Encoding"),
    ("", "MimeType"),
    ("http://www.w3.org/2000/09/xmldsig#", "PGPKeyID"),
    ("http://www.w3.org/2000/09/xmldsig#", "PGPKeyPacket"),
    ("urn:iso:15118:2:2013:MsgBody", "eMAID"),
    ("urn:iso:15118:2:2013:MsgBody", "SelectedPaymentOption"),
    ("urn:iso:15118:2:2013:MsgBody", "ChargeProgress"),
    ("http://www.w3.org/2000/09/xmldsig#", "Modulus"),
    ("", "Type"),
    ("", "URI"),
    ("http://www.w3.org/2000/09/xmldsig#", "Transforms"),
    ("http://www.w3.org/2000/09/xmldsig#", "DigestMethod"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "start"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SAScheduleTuple"),
    ("http://www.w3.org/2000/09/xmldsig#", "SPKISexp"),
    ("urn:iso:15118:2:2013:MsgBody", "ServiceID"),
    ("urn:iso:15118:2:2013:MsgBody", "ServiceScope"),
    ("urn:iso:15118:2:2013:MsgBody", "ServiceCategory"),
    ("urn:iso:15118:2:2013:MsgBody", "EVCCID"),
    ("urn:iso:15118:2:2013:MsgBody", "ChargingSession"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignedInfo"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignatureProperty"),
    ("", "Target"),
    ("http://www.w3.org/2000/09/xmldsig#", "CanonicalizationMethod"),
    ("http://www.w3.org/2000/09/xmldsig#", "Transform"),
    ("urn:iso:15118:2:2013:MsgDef", "Header"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509IssuerSerial"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509SKI"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509SubjectName"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509Certificate"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509CRL"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "AC_EVChargeParameter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "AC_EVSEChargeParameter"),
    ("urn:iso:15118:2:2013:MsgBody", "AuthorizationReq"),
    ("urn:iso:15118:2:2013:MsgBody", "AuthorizationRes"),
    ("urn:iso:15118:2:2013:MsgBody", "BodyElement"),
    ("urn:iso:15118:2:2013:MsgBody", "CableCheckReq"),
    ("urn:iso:15118:2:2013:MsgBody", "CableCheckRes"),
    ("urn:iso:15118:2:2013:MsgBody", "CertificateInstallationReq"),
    ("urn:iso:15118:2:2013:MsgBody", "CertificateInstallationRes"),
    ("urn:iso:15118:2:2013:MsgBody", "CertificateUpdateReq"),
    ("urn:iso:15118:2:2013:MsgBody", "CertificateUpdateRes"),
    ("urn:iso:15118:2:2013:MsgBody", "ChargeParameterDiscoveryReq"),
    ("urn:iso:15118:2:2013:MsgBody", "ChargeParameterDiscoveryRes"),
    ("urn:iso:15118:2:2013:MsgBody", "ChargingStatusReq"),
    ("urn:iso:15118:2:2013:MsgBody", "ChargingStatusRes"),
    ("urn:iso:15118:2:2013:MsgBody", "CurrentDemandReq"),
    ("urn:iso:15118:2:2013:MsgBody", "CurrentDemandRes"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "DC_EVChargeParameter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "DC_EVPowerDeliveryParameter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "DC_EVSEChargeParameter"),
    ("http://www.w3.org/2000/09/xmldsig#", "DigestValue"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVChargeParameter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVPowerDeliveryParameter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEChargeParameter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEStatus"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVStatus"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Entry"),
    ("http://www.w3.org/2000/09/xmldsig#", "KeyInfo"),
    ("http://www.w3.org/2000/09/xmldsig#", "Manifest"),
    ("urn:iso:15118:2:2013:MsgBody", "MeteringReceiptReq"),
    ("urn:iso:15118:2:2013:MsgBody", "MeteringReceiptRes"),
    ("http://www.w3.org/2000/09/xmldsig#", "Object"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "PMaxScheduleEntry"),
    ("urn:iso:15118:2:2013:MsgBody", "PaymentDetailsReq"),
    ("urn:iso:15118:2:2013:MsgBody", "PaymentDetailsRes"),
    ("urn:iso:15118:2:2013:MsgBody", "PaymentServiceSelectionReq"),
    ("urn:iso:15118:2:2013:MsgBody", "PaymentServiceSelectionRes"),
    ("urn:iso:15118:2:2013:MsgBody", "PowerDeliveryReq"),
    ("urn:iso:15118:2:2013:MsgBody", "PowerDeliveryRes"),
    ("urn:iso:15118:2:2013:MsgBody", "PreChargeReq"),
    ("urn:iso:15118:2:2013:MsgBody", "PreChargeRes"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SAScheduleList"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SASchedules"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SalesTariffEntry"),
    ("urn:iso:15118:2:2013:MsgBody", "ServiceDetailReq"),
    ("urn:iso:15118:2:2013:MsgBody", "ServiceDetailRes"),
    ("urn:iso:15118:2:2013:MsgBody", "ServiceDiscoveryReq"),
    ("urn:iso:15118:2:2013:MsgBody", "ServiceDiscoveryRes"),
    ("urn:iso:15118:2:2013:MsgBody", "SessionSetupReq"),
    ("urn:iso:15118:2:2013:MsgBody", "SessionSetupRes"),
    ("urn:iso:15118:2:2013:MsgBody", "SessionStopReq"),
    ("urn:iso:15118:2:2013:MsgBody", "SessionStopRes"),
    ("http://www.w3.org/2000/09/xmldsig#", "Signature"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignatureMethod"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignatureProperties"),
    ("http://www.w3.org/2000/09/xmldsig#", "SignatureValue"),
    ("urn:iso:15118:2:2013:MsgDef", "V2G_Message"),
    ("urn:iso:15118:2:2013:MsgBody", "WeldingDetectionReq"),
    ("urn:iso:15118:2:2013:MsgBody", "WeldingDetectionRes"),
    ("urn:iso:15118:2:2013:MsgBody", "AC_EVSEStatus"),
    ("urn:iso:15118:2:2013:MsgDef", "Body"),
    ("urn:iso:15118:2:2013:MsgBody", "BulkChargingComplete"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "BulkChargingComplete"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "BulkSOC"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Certificate"),
    ("urn:iso:15118:2:2013:MsgBody", "ChargeService"),
    ("urn:iso:15118:2:2013:MsgBody", "ChargingComplete"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ChargingComplete"),
    ("urn:iso:15118:2:2013:MsgBody", "ChargingProfile"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ChargingProfileEntryMaxNumberOfPhasesInUse"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ChargingProfileEntryMaxPower"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ChargingProfileEntryStart"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ConsumptionCost"),
    ("urn:iso:15118:2:2013:MsgBody", "ContractSignatureCertChain"),
    ("urn:iso:15118:2:2013:MsgBody", "ContractSignatureEncryptedPrivateKey"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Cost"),
    ("urn:iso:15118:2:2013:MsgBody", "DC_EVSEStatus"),
    ("urn:iso:15118:2:2013:MsgBody", "DHpublickey"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EPriceLevel"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVEnergyCapacity"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVEnergyRequest"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVErrorCode"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVMaxCurrent"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVMaxVoltage"),
    ("urn:iso:15118:2:2013:MsgBody", "EVMaximumCurrentLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVMaximumCurrentLimit"),
    ("urn:iso:15118:2:2013:MsgBody", "EVMaximumPowerLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVMaximumPowerLimit"),
    ("urn:iso:15118:2:2013:MsgBody", "EVMaximumVoltageLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVMaximumVoltageLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVMinCurrent"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVRESSSOC"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSECurrentLimitAchieved"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSECurrentRegulationTolerance"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEEnergyToBeDelivered"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEID"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEIsolationStatus"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEMaxCurrent"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEMaxCurrent"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEMaximumCurrentLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEMaximumCurrentLimit"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEMaximumPowerLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEMaximumPowerLimit"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEMaximumVoltageLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEMaximumVoltageLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEMinimumCurrentLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEMinimumVoltageLimit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSENominalVoltage"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSENotification"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEPeakCurrentRipple"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEPowerLimitAchieved"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEPresentCurrent"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEPresentVoltage"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEProcessing"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EVSEStatusCode"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSETimeStamp"),
    ("urn:iso:15118:2:2013:MsgBody", "EVSEVoltageLimitAchieved"),
    ("urn:iso:15118:2:2013:MsgBody", "EVTargetCurrent"),
    ("urn:iso:15118:2:2013:MsgBody", "EVTargetVoltage"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "EnergyTransferMode"),
    ("http://www.w3.org/2000/09/xmldsig#", "Exponent"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "FaultCode"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "FaultMsg"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "FreeService"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "FullSOC"),
    ("http://www.w3.org/2000/09/xmldsig#", "HMACOutputLength"),
    ("http://www.w3.org/2000/09/xmldsig#", "J"),
    ("urn:iso:15118:2:2013:MsgBody", "ListOfRootCertificateIDs"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "MeterID"),
    ("urn:iso:15118:2:2013:MsgBody", "MeterInfo"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "MeterReading"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "MeterStatus"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Multiplier"),
    ("urn:iso:15118:2:2013:MsgHeader", "Notification"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "NumEPriceLevels"),
    ("urn:iso:15118:2:2013:MsgBody", "OEMProvisioningCert"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "PMax"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "PMaxSchedule"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Parameter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ParameterSet"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ParameterSetID"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "PaymentOption"),
    ("urn:iso:15118:2:2013:MsgBody", "PaymentOptionList"),
    ("http://www.w3.org/2000/09/xmldsig#", "PgenCounter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ProfileEntry"),
    ("http://www.w3.org/2000/09/xmldsig#", "Q"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "RCD"),
    ("urn:iso:15118:2:2013:MsgBody", "ReceiptRequired"),
    ("urn:iso:15118:2:2013:MsgBody", "RemainingTimeToBulkSoC"),
    ("urn:iso:15118:2:2013:MsgBody", "RemainingTimeToFullSoC"),
    ("urn:iso:15118:2:2013:MsgBody", "RetryCounter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "RootCertificateID"),
    ("urn:iso:15118:2:2013:MsgBody", "SAProvisioningCertificateChain"),
    ("urn:iso:15118:2:2013:MsgBody", "SAScheduleTupleID"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SAScheduleTupleID"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SalesTariff"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SalesTariffDescription"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SalesTariffID"),
    ("http://www.w3.org/2000/09/xmldsig#", "Seed"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SelectedService"),
    ("urn:iso:15118:2:2013:MsgBody", "SelectedServiceList"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Service"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ServiceCategory"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ServiceID"),
    ("urn:iso:15118:2:2013:MsgBody", "ServiceList"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ServiceName"),
    ("urn:iso:15118:2:2013:MsgBody", "ServiceParameterList"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "ServiceScope"),
    ("urn:iso:15118:2:2013:MsgHeader", "SessionID"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SigMeterReading"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SubCertificates"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "SupportedEnergyTransferMode"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "TMeter"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Unit"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Value"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509IssuerName"),
    ("http://www.w3.org/2000/09/xmldsig#", "X509SerialNumber"),
    ("http://www.w3.org/2000/09/xmldsig#", "XPath"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "amount"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "amountMultiplier"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "boolValue"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "byteValue"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "costKind"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "duration"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "intValue"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "physicalValue"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "shortValue"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "startValue"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "stringValue"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Id"),
    ("urn:iso:15118:2:2013:MsgDataTypes", "Name"),
)

DATATYPES = (
    ("string", None, None, (), None, None),
    ("base64", None, None, (), None, None),
    ("boolean", None, None, (), None, None),
    ("nbit", 0, 100, (), None, None),
    ("base64", None, None, (), None, 800),
    ("enum", None, None, ("Start", "Stop", "Renegotiate"), None, None),
    ("nbit", 1, 3, (), None, None),
    ("unsigned", 0, 4294967295, (), None, None),
    ("enum", None, None, ("Terminate", "Pause"), None, None),
    ("nbit", 0, 255, (), None, None),
    ("hex", None, None, (), None, 6),
    (
        "enum",
        None,
        None,
        (
            "NO_ERROR",
            "FAILED_RESSTemperatureInhibit",
            "FAILED_EVShiftPosition",
            "FAILED_ChargerConnectorLockFault",
            "FAILED_EVRESSMalfunction",
            "FAILED_ChargingCurrentdifferential",
            "FAILED_ChargingVoltageOutOfRange",
            "Reserved_A",
            "Reserved_B",
            "Reserved_C",
            "FAILED_ChargingSystemIncompatibility",
            "NoData",
        ),
        None,
        None,
    ),
    ("string", None, None, (), 7, 37),
    ("enum", None, None, ("Invalid", "Valid", "Warning", "Fault", "No_IMD"), None, None),
    ("enum", None, None, ("None", "StopCharging", "ReNegotiation"), None, None),
    (
        "enum",
        None,
        None,
        ("Finished", "Ongoing", "Ongoing_WaitingForCustomerInteraction"),
        None,
        None,
    ),
    (
        "enum",
        None,
        None,
        (
            "EVSE_NotReady",
            "EVSE_Ready",
            "EVSE_Shutdown",
            "EVSE_UtilityInterruptEvent",
            "EVSE_IsolationMonitoringActive",
            "EVSE_EmergencyShutdown",
            "EVSE_Malfunction",
            "Reserved_8",
            "Reserved_9",
            "Reserved_A",
            "Reserved_B",
            "Reserved_C",
        ),
        None,
        None,
    ),
    ("integer", -9223372036854775808, 9223372036854775807, (), None, None),
    (
        "enum",
        None,
        None,
        (
            "AC_single_phase_core",
            "AC_three_phase_core",
            "DC_core",
            "DC_extended",
            "DC_combo_core",
            "DC_unique",
        ),
        None,
        None,
    ),
    (
        "enum",
        None,
        None,
        ("ParsingError", "NoTLSRootCertificatAvailable", "UnknownError"),
        None,
        None,
    ),
    ("string", None, None, (), None, 64),
    ("base64", None, None, (), 16, 16),
    ("integer", None, None, (), None, None),
    ("unsigned", 0, 65535, (), None, None),
    ("string", None, None, (), None, 32),
    ("unsigned", 0, 18446744073709551615, (), None, None),
    ("integer", -32768, 32767, (), None, None),
    ("nbit", -3, 3, (), None, None),
    ("enum", None, None, ("Contract", "ExternalPayment"), None, None),
    (
        "enum",
        None,
        None,
        (
            "OK",
            "OK_NewSessionEstablished",
            "OK_OldSessionJoined",
            "OK_CertificateExpiresSoon",
            "FAILED",
            "FAILED_SequenceError",
            "FAILED_ServiceIDInvalid",
            "FAILED_UnknownSession",
            "FAILED_ServiceSelectionInvalid",
            "FAILED_PaymentSelectionInvalid",
            "FAILED_CertificateExpired",
            "FAILED_SignatureError",
            "FAILED_NoCertificateAvailable",
            "FAILED_CertChainError",
            "FAILED_ChallengeInvalid",
            "FAILED_ContractCanceled",
            "FAILED_WrongChargeParameter",
            "FAILED_PowerDeliveryNotApplied",
            "FAILED_TariffSelectionInvalid",
            "FAILED_ChargingProfileInvalid",
            "FAILED_MeteringSignatureNotValid",
            "FAILED_NoChargeServiceSelected",
            "FAILED_WrongEnergyTransferMode",
            "FAILED_ContactorError",
            "FAILED_CertificateNotAllowedAtThisEVSE",
            "FAILED_CertificateRevoked",
        ),
        None,
        None,
    ),
    ("nbit", 1, 255, (), None, None),
    (
        "enum",
        None,
        None,
        ("EVCharging", "Internet", "ContractCertificate", "OtherCustom"),
        None,
        None,
    ),
    ("hex", None, None, (), None, 8),
    ("base64", None, None, (), None, 64),
    ("enum", None, None, ("h", "m", "s", "A", "V", "W", "Wh"), None, None),
    ("nbit", -128, 127, (), None, None),
    (
        "enum",
        None,
        None,
        ("relativePricePercentage", "RenewableGenerationPercentage", "CarbonDioxideEmission"),
        None,
        None,
    ),
    ("unsigned", 0, 86400, (), None, None),
    ("integer", -2147483648, 2147483647, (), None, None),
    ("unsigned", 0, 16777214, (), None, None),
    ("string", None, None, (), 14, 15),
    ("base64", None, None, (), None, 48),
    ("base64", None, None, (), None, 65),
)

STATES = (
    # state 0
    (0, ()),
    # state 1
    (
        1,
        (
            (0, 0, -1, 159, 94, 0),
            (0, 1, -1, 160, 93, 0),
        ),
    ),
    # state 2
    (1, ((0, 2, -1, 164, 3, 0),)),
    # state 3
    (1, ((0, 3, -1, 167, 118, 0),)),
    # state 4
    (
        1,
        (
            (1, 4, 0, 170, -1, 0),
            (0, 5, -1, 171, 114, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 5
    (1, ((0, 6, -1, 172, 133, 0),)),
    # state 6
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 7
    (1, ((0, 7, -1, 174, 24, 0),)),
    # state 8
    (1, ((0, 6, -1, 175, 133, 0),)),
    # state 9
    (1, ((1, 8, 0, 178, -1, 0),)),
    # state 10
    (1, ((1, 4, 0, 181, -1, 0),)),
    # state 11
    (1, ((0, 6, -1, 185, 133, 0),)),
    # state 12
    (1, ((1, 4, 0, 192, -1, 0),)),
    # state 13
    (1, ((0, 6, -1, 196, 133, 0),)),
    # state 14
    (
        1,
        (
            (0, 9, -1, 203, 118, 0),
            (0, 10, -1, 204, 110, 0),
        ),
    ),
    # state 15
    (1, ((0, 6, -1, 206, 133, 0),)),
    # state 16
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 17
    (1, ((0, 6, -1, 210, 133, 0),)),
    # state 18
    (1, ((0, 7, -1, 217, 24, 0),)),
    # state 19
    (1, ((0, 6, -1, 227, 133, 0),)),
    # state 20
    (
        1,
        (
            (0, 0, -1, 241, 94, 0),
            (0, 11, -1, 242, 24, 0),
        ),
    ),
    # state 21
    (1, ((0, 11, -1, 250, 24, 0),)),
    # state 22
    (1, ((0, 12, -1, 253, 23, 0),)),
    # state 23
    (1, ((0, 3, -1, 262, 118, 0),)),
    # state 24
    (1, ((0, 13, -1, 266, 86, 0),)),
    # state 25
    (
        1,
        (
            (0, 14, -1, 269, 111, 0),
            (0, 15, -1, 270, 111, 0),
            (0, 16, -1, 271, 111, 0),
        ),
    ),
    # state 26
    (1, ((1, 8, 0, 276, -1, 0),)),
    # state 27
    (1, ((2, -1, 1, 279, -1, 0),)),
    # state 28
    (
        1,
        (
            (0, 0, -1, 280, 94, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 29
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 30
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 31
    (1, ((0, 3, -1, 281, 118, 0),)),
    # state 32
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 33
    (
        1,
        (
            (0, 17, -1, 283, 53, 0),
            (0, 18, -1, 283, 73, 0),
        ),
    ),
    # state 34
    (
        1,
        (
            (1, 19, 0, 284, -1, 0),
            (0, 20, -1, 285, 35, 1),
            (0, 21, -1, 286, 36, 1),
            (0, 22, -1, 287, 54, 1),
            (0, 23, -1, 288, 79, 1),
            (0, 24, -1, 289, 41, 1),
            (0, 25, -1, 290, 57, 1),
            (0, 26, -1, 291, 35, 1),
            (4, -1, -1, 292, -1, 0),
            (6, -1, -1, 293, -1, 0),
        ),
    ),
    # state 35
    (1, ((2, -1, 0, 302, -1, 0),)),
    # state 36
    (
        1,
        (
            (0, 27, -1, 303, 25, 0),
            (0, 28, -1, 304, 51, 0),
            (4, -1, -1, 305, -1, 0),
            (6, -1, -1, 306, -1, 0),
        ),
    ),
    # state 37
    (
        1,
        (
            (1, 19, 0, 307, -1, 0),
            (0, 29, -1, 308, 52, 1),
        ),
    ),
    # state 38
    (
        1,
        (
            (1, 4, 0, 310, -1, 0),
            (0, 30, -1, 311, 148, 0),
        ),
    ),
    # state 39
    (1, ((0, 6, -1, 314, 133, 0),)),
    # state 40
    (
        1,
        (
            (1, 31, 0, 316, -1, 0),
            (1, 19, 0, 317, -1, 0),
            (1, 32, 0, 318, -1, 0),
            (4, -1, -1, 319, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 320, -1, 0),
        ),
    ),
    # state 41
    (
        1,
        (
            (0, 33, -1, 321, 125, 0),
            (0, 34, -1, 322, 125, 1),
        ),
    ),
    # state 42
    (
        1,
        (
            (0, 17, -1, 326, 53, 0),
            (0, 18, -1, 326, 73, 0),
        ),
    ),
    # state 43
    (1, ((0, 35, -1, 328, 191, 0),)),
    # state 44
    (1, ((0, 6, -1, 330, 133, 0),)),
    # state 45
    (1, ((0, 36, -1, 333, 130, 0),)),
    # state 46
    (1, ((0, 6, -1, 335, 133, 0),)),
    # state 47
    (1, ((0, 37, -1, 336, 89, 0),)),
    # state 48
    (1, ((0, 6, -1, 340, 133, 0),)),
    # state 49
    (1, ((0, 7, -1, 342, 24, 0),)),
    # state 50
    (1, ((0, 6, -1, 345, 133, 0),)),
    # state 51
    (1, ((0, 38, -1, 348, 111, 0),)),
    # state 52
    (
        1,
        (
            (1, 19, 0, 350, -1, 0),
            (1, 39, 0, 351, -1, 0),
            (1, 40, 0, 352, -1, 0),
            (0, 41, -1, 353, 75, 0),
            (0, 42, -1, 354, 26, 0),
        ),
    ),
    # state 53
    (1, ((0, 43, -1, 356, 158, 0),)),
    # state 54
    (
        1,
        (
            (1, 39, 0, 358, -1, 0),
            (1, 40, 0, 359, -1, 0),
            (0, 41, -1, 360, 75, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 55
    (1, ((0, 44, -1, 361, 135, 1),)),
    # state 56
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 57
    (1, ((0, 45, -1, 364, 125, 1),)),
    # state 58
    (
        1,
        (
            (0, 17, -1, 368, 53, 0),
            (0, 18, -1, 368, 73, 0),
        ),
    ),
    # state 59
    (1, ((0, 46, -1, 373, 143, 0),)),
    # state 60
    (1, ((0, 6, -1, 374, 133, 0),)),
    # state 61
    (
        1,
        (
            (0, 47, -1, 377, 147, 0),
            (0, 48, -1, 378, 142, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 62
    (1, ((0, 6, -1, 379, 133, 0),)),
    # state 63
    (1, ((0, 49, -1, 383, 102, 0),)),
    # state 64
    (1, ((0, 6, -1, 384, 133, 0),)),
    # state 65
    (1, ((0, 50, -1, 387, 95, 0),)),
    # state 66
    (1, ((0, 6, -1, 388, 133, 0),)),
    # state 67
    (
        1,
        (
            (1, 19, 0, 389, -1, 0),
            (0, 51, -1, 390, 72, 0),
        ),
    ),
    # state 68
    (1, ((1, 8, 0, 394, -1, 0),)),
    # state 69
    (
        1,
        (
            (1, 19, 0, 398, -1, 0),
            (0, 52, -1, 399, 70, 1),
        ),
    ),
    # state 70
    (
        1,
        (
            (1, 19, 0, 401, -1, 0),
            (1, 53, 0, 402, -1, 0),
        ),
    ),
    # state 71
    (
        1,
        (
            (1, 19, 0, 406, -1, 0),
            (2, -1, 1, 407, -1, 0),
        ),
    ),
    # state 72
    (
        1,
        (
            (1, 19, 0, 408, -1, 0),
            (0, 54, -1, 409, 9, 0),
        ),
    ),
    # state 73
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 74
    (1, ((1, 8, 0, 413, -1, 0),)),
    # state 75
    (1, ((0, 55, -1, 417, 74, 1),)),
    # state 76
    (1, ((0, 56, -1, 419, 116, 0),)),
    # state 77
    (1, ((0, 7, -1, 421, 24, 0),)),
    # state 78
    (1, ((0, 6, -1, 422, 133, 0),)),
    # state 79
    (
        1,
        (
            (0, 57, -1, 425, 134, 1),
            (0, 58, -1, 426, 125, 1),
            (0, 59, -1, 427, 35, 1),
            (0, 60, -1, 428, 125, 1),
            (0, 61, -1, 429, 125, 1),
            (4, -1, -1, 430, -1, 0),
        ),
    ),
    # state 80
    (
        0,
        (
            (0, 62, -1, 81, 1, 0),
            (0, 63, -1, 81, 2, 0),
            (0, 2, -1, 81, 3, 0),
            (0, 64, -1, 81, 4, 0),
            (0, 65, -1, 81, 5, 0),
            (0, 66, -1, 81, 6, 0),
            (0, 67, -1, 81, 7, 0),
            (0, 68, -1, 81, 8, 0),
            (0, 54, -1, 81, 9, 0),
            (0, 69, -1, 81, 10, 0),
            (0, 70, -1, 81, 11, 0),
            (0, 71, -1, 81, 12, 0),
            (0, 72, -1, 81, 13, 0),
            (0, 73, -1, 81, 14, 0),
            (0, 74, -1, 81, 15, 0),
            (0, 75, -1, 81, 16, 0),
            (0, 76, -1, 81, 17, 0),
            (0, 77, -1, 81, 18, 0),
            (0, 78, -1, 81, 19, 0),
            (0, 79, -1, 81, 20, 0),
            (0, 80, -1, 81, 21, 0),
            (0, 81, -1, 81, 22, 0),
            (0, 12, -1, 81, 23, 0),
            (0, 11, -1, 81, 24, 0),
            (0, 27, -1, 81, 25, 0),
            (0, 42, -1, 81, 26, 0),
            (0, 82, -1, 81, 27, 0),
            (0, 83, -1, 81, 28, 0),
            (0, 84, -1, 81, 29, 0),
            (0, 85, -1, 81, 30, 0),
            (0, 86, -1, 81, 31, 0),
            (0, 87, -1, 81, 32, 0),
            (0, 88, -1, 81, 33, 0),
            (0, 89, -1, 81, 34, 0),
            (0, 20, -1, 81, 35, 0),
            (0, 21, -1, 81, 36, 0),
            (0, 90, -1, 81, 37, 0),
            (0, 91, -1, 81, 38, 0),
            (0, 92, -1, 81, 39, 0),
            (0, 26, -1, 81, 35, 0),
            (0, 93, -1, 81, 40, 0),
            (0, 24, -1, 81, 41, 0),
            (0, 94, -1, 81, 42, 0),
            (0, 95, -1, 81, 43, 0),
            (0, 96, -1, 81, 44, 0),
            (0, 97, -1, 81, 45, 0),
            (0, 98, -1, 81, 46, 0),
            (0, 99, -1, 81, 47, 0),
            (0, 100, -1, 81, 48, 0),
            (0, 101, -1, 81, 49, 0),
            (0, 102, -1, 81, 50, 0),
            (0, 28, -1, 81, 51, 0),
            (0, 29, -1, 81, 52, 0),
            (0, 17, -1, 81, 53, 0),
            (0, 22, -1, 81, 54, 0),
            (0, 103, -1, 81, 55, 0),
            (0, 104, -1, 81, 56, 0),
            (0, 25, -1, 81, 57, 0),
            (0, 105, -1, 81, 58, 0),
            (0, 106, -1, 81, 59, 0),
            (0, 107, -1, 81, 60, 0),
            (0, 108, -1, 81, 61, 0),
            (0, 109, -1, 81, 62, 0),
            (0, 110, -1, 81, 63, 0),
            (0, 111, -1, 81, 64, 0),
            (0, 112, -1, 81, 65, 0),
            (0, 113, -1, 81, 66, 0),
            (0, 114, -1, 81, 67, 0),
            (0, 115, -1, 81, 68, 0),
            (0, 116, -1, 81, 69, 0),
            (0, 52, -1, 81, 70, 0),
            (0, 117, -1, 81, 71, 0),
            (0, 51, -1, 81, 72, 0),
            (0, 18, -1, 81, 73, 0),
            (0, 55, -1, 81, 74, 0),
            (0, 41, -1, 81, 75, 0),
            (0, 118, -1, 81, 76, 0),
            (0, 119, -1, 81, 77, 0),
            (0, 120, -1, 81, 78, 0),
            (0, 23, -1, 81, 79, 0),
            (4, -1, -1, 81, -1, 0),
        ),
    ),
    # state 81
    (0, ((7, -1, -1, -1, -1, 0),)),
    # state 82
    (
        0,
        (
            (0, 62, -1, 82, 1, 0),
            (0, 63, -1, 82, 2, 0),
            (0, 121, -1, 82, 3, 0),
            (0, 2, -1, 82, 3, 0),
            (0, 64, -1, 82, 4, 0),
            (0, 65, -1, 82, 5, 0),
            (0, 122, -1, 82, 85, 0),
            (0, 66, -1, 82, 6, 0),
            (0, 123, -1, 82, 86, 0),
            (0, 124, -1, 82, 86, 0),
            (0, 125, -1, 82, 87, 0),
            (0, 67, -1, 82, 7, 0),
            (0, 68, -1, 82, 8, 0),
            (0, 54, -1, 82, 9, 0),
            (0, 126, -1, 82, 88, 0),
            (0, 69, -1, 82, 10, 0),
            (0, 70, -1, 82, 11, 0),
            (0, 71, -1, 82, 12, 0),
            (0, 72, -1, 82, 13, 0),
            (0, 73, -1, 82, 14, 0),
            (0, 74, -1, 82, 15, 0),
            (0, 37, -1, 82, 89, 0),
            (0, 127, -1, 82, 90, 0),
            (0, 128, -1, 82, 86, 0),
            (0, 129, -1, 82, 86, 0),
            (0, 130, -1, 82, 91, 0),
            (0, 131, -1, 82, 92, 0),
            (0, 132, -1, 82, 93, 0),
            (0, 133, -1, 82, 94, 0),
            (0, 50, -1, 82, 95, 0),
            (0, 75, -1, 82, 16, 0),
            (0, 76, -1, 82, 17, 0),
            (0, 134, -1, 82, 96, 0),
            (0, 135, -1, 82, 97, 0),
            (0, 136, -1, 82, 98, 0),
            (0, 137, -1, 82, 99, 0),
            (0, 77, -1, 82, 18, 0),
            (0, 78, -1, 82, 19, 0),
            (0, 79, -1, 82, 20, 0),
            (0, 80, -1, 82, 21, 0),
            (0, 81, -1, 82, 22, 0),
            (0, 138, -1, 82, 23, 0),
            (0, 12, -1, 82, 23, 0),
            (0, 7, -1, 82, 24, 0),
            (0, 11, -1, 82, 24, 0),
            (0, 139, -1, 82, 100, 0),
            (0, 27, -1, 82, 25, 0),
            (0, 0, -1, 82, 94, 0),
            (0, 42, -1, 82, 26, 0),
            (0, 82, -1, 82, 27, 0),
            (0, 1, -1, 82, 93, 0),
            (0, 140, -1, 82, 101, 0),
            (0, 49, -1, 82, 102, 0),
            (0, 83, -1, 82, 28, 0),
            (0, 141, -1, 82, 93, 0),
            (0, 142, -1, 82, 93, 0),
            (0, 143, -1, 82, 103, 0),
            (0, 144, -1, 82, 93, 0),
            (0, 145, -1, 82, 93, 0),
            (0, 146, -1, 82, 93, 0),
            (0, 147, -1, 82, 93, 0),
            (0, 148, -1, 82, 93, 0),
            (0, 149, -1, 82, 93, 0),
            (0, 150, -1, 82, 93, 0),
            (0, 151, -1, 82, 93, 0),
            (0, 152, -1, 82, 93, 0),
            (0, 84, -1, 82, 29, 0),
            (0, 153, -1, 82, 87, 0),
            (0, 13, -1, 82, 86, 0),
            (0, 85, -1, 82, 30, 0),
            (0, 154, -1, 82, 86, 0),
            (0, 155, -1, 82, 93, 0),
            (0, 156, -1, 82, 93, 0),
            (0, 157, -1, 82, 104, 0),
            (0, 158, -1, 82, 105, 0),
            (0, 159, -1, 82, 93, 0),
            (0, 160, -1, 82, 93, 0),
            (0, 161, -1, 82, 93, 0),
            (0, 162, -1, 82, 93, 0),
            (0, 163, -1, 82, 93, 0),
            (0, 164, -1, 82, 93, 0),
            (0, 165, -1, 82, 93, 0),
            (0, 166, -1, 82, 93, 0),
            (0, 167, -1, 82, 93, 0),
            (0, 168, -1, 82, 93, 0),
            (0, 169, -1, 82, 93, 0),
            (0, 170, -1, 82, 106, 0),
            (0, 171, -1, 82, 93, 0),
            (0, 172, -1, 82, 86, 0),
            (0, 173, -1, 82, 93, 0),
            (0, 174, -1, 82, 93, 0),
            (0, 175, -1, 82, 107, 0),
            (0, 86, -1, 82, 31, 0),
            (0, 176, -1, 82, 108, 0),
            (0, 177, -1, 82, 109, 0),
            (0, 178, -1, 82, 86, 0),
            (0, 87, -1, 82, 32, 0),
            (0, 179, -1, 82, 93, 0),
            (0, 180, -1, 82, 93, 0),
            (0, 181, -1, 82, 110, 0),
            (0, 88, -1, 82, 33, 0),
            (0, 182, -1, 82, 111, 0),
            (0, 183, -1, 82, 112, 0),
            (0, 184, -1, 82, 113, 0),
            (0, 185, -1, 82, 86, 0),
            (0, 186, -1, 82, 87, 0),
            (0, 15, -1, 82, 111, 0),
            (0, 5, -1, 82, 114, 0),
            (0, 187, -1, 82, 115, 0),
            (0, 56, -1, 82, 116, 0),
            (0, 188, -1, 82, 111, 0),
            (0, 89, -1, 82, 34, 0),
            (0, 20, -1, 82, 35, 0),
            (0, 21, -1, 82, 36, 0),
            (0, 189, -1, 82, 117, 0),
            (0, 90, -1, 82, 37, 0),
            (0, 9, -1, 82, 118, 0),
            (0, 190, -1, 82, 119, 0),
            (0, 191, -1, 82, 120, 0),
            (0, 192, -1, 82, 121, 0),
            (0, 193, -1, 82, 122, 0),
            (0, 91, -1, 82, 38, 0),
            (0, 92, -1, 82, 39, 0),
            (0, 26, -1, 82, 35, 0),
            (0, 38, -1, 82, 111, 0),
            (0, 194, -1, 82, 123, 0),
            (0, 195, -1, 82, 124, 0),
            (0, 3, -1, 82, 118, 0),
            (0, 196, -1, 82, 101, 0),
            (0, 197, -1, 82, 88, 0),
            (0, 93, -1, 82, 40, 0),
            (0, 14, -1, 82, 111, 0),
            (0, 24, -1, 82, 41, 0),
            (0, 33, -1, 82, 125, 0),
            (0, 34, -1, 82, 125, 0),
            (0, 198, -1, 82, 93, 0),
            (0, 199, -1, 82, 126, 0),
            (0, 94, -1, 82, 42, 0),
            (0, 200, -1, 82, 127, 0),
            (0, 201, -1, 82, 128, 0),
            (0, 202, -1, 82, 129, 0),
            (0, 95, -1, 82, 43, 0),
            (0, 96, -1, 82, 44, 0),
            (0, 203, -1, 82, 130, 0),
            (0, 204, -1, 82, 131, 0),
            (0, 97, -1, 82, 45, 0),
            (0, 98, -1, 82, 46, 0),
            (0, 205, -1, 82, 111, 0),
            (0, 99, -1, 82, 47, 0),
            (0, 100, -1, 82, 48, 0),
            (0, 101, -1, 82, 49, 0),
            (0, 102, -1, 82, 50, 0),
            (0, 206, -1, 82, 132, 0),
            (0, 207, -1, 82, 111, 0),
            (0, 208, -1, 82, 86, 0),
            (0, 28, -1, 82, 51, 0),
            (0, 209, -1, 82, 86, 0),
            (0, 29, -1, 82, 52, 0),
            (0, 17, -1, 82, 53, 0),
            (0, 210, -1, 82, 93, 0),
            (0, 211, -1, 82, 93, 0),
            (0, 10, -1, 82, 110, 0),
            (0, 6, -1, 82, 133, 0),
            (0, 22, -1, 82, 54, 0),
            (0, 212, -1, 82, 129, 0),
            (0, 213, -1, 82, 134, 0),
            (0, 214, -1, 82, 97, 0),
            (0, 103, -1, 82, 55, 0),
            (0, 44, -1, 82, 135, 0),
            (0, 215, -1, 82, 136, 0),
            (0, 216, -1, 82, 136, 0),
            (0, 104, -1, 82, 56, 0),
            (0, 25, -1, 82, 57, 0),
            (0, 45, -1, 82, 125, 0),
            (0, 217, -1, 82, 137, 0),
            (0, 218, -1, 82, 138, 0),
            (0, 105, -1, 82, 58, 0),
            (0, 219, -1, 82, 136, 0),
            (0, 220, -1, 82, 111, 0),
            (0, 36, -1, 82, 130, 0),
            (0, 221, -1, 82, 139, 0),
            (0, 222, -1, 82, 140, 0),
            (0, 223, -1, 82, 141, 0),
            (0, 48, -1, 82, 142, 0),
            (0, 224, -1, 82, 142, 0),
            (0, 106, -1, 82, 59, 0),
            (0, 107, -1, 82, 60, 0),
            (0, 108, -1, 82, 61, 0),
            (0, 109, -1, 82, 62, 0),
            (0, 46, -1, 82, 143, 0),
            (0, 225, -1, 82, 143, 0),
            (0, 226, -1, 82, 144, 0),
            (0, 227, -1, 82, 145, 0),
            (0, 228, -1, 82, 146, 0),
            (0, 47, -1, 82, 147, 0),
            (0, 229, -1, 82, 147, 0),
            (0, 30, -1, 82, 148, 0),
            (0, 230, -1, 82, 148, 0),
            (0, 110, -1, 82, 63, 0),
            (0, 111, -1, 82, 64, 0),
            (0, 112, -1, 82, 65, 0),
            (0, 113, -1, 82, 66, 0),
            (0, 231, -1, 82, 149, 0),
            (0, 114, -1, 82, 67, 0),
            (0, 115, -1, 82, 68, 0),
            (0, 116, -1, 82, 69, 0),
            (0, 52, -1, 82, 70, 0),
            (0, 117, -1, 82, 71, 0),
            (0, 51, -1, 82, 72, 0),
            (0, 232, -1, 82, 150, 0),
            (0, 233, -1, 82, 151, 0),
            (0, 234, -1, 82, 109, 0),
            (0, 18, -1, 82, 73, 0),
            (0, 55, -1, 82, 74, 0),
            (0, 41, -1, 82, 75, 0),
            (0, 235, -1, 82, 152, 0),
            (0, 118, -1, 82, 76, 0),
            (0, 236, -1, 82, 129, 0),
            (0, 119, -1, 82, 77, 0),
            (0, 120, -1, 82, 78, 0),
            (0, 61, -1, 82, 125, 0),
            (0, 60, -1, 82, 125, 0),
            (0, 23, -1, 82, 79, 0),
            (0, 237, -1, 82, 35, 0),
            (0, 57, -1, 82, 134, 0),
            (0, 58, -1, 82, 125, 0),
            (0, 238, -1, 82, 153, 0),
            (0, 59, -1, 82, 35, 0),
            (0, 239, -1, 82, 35, 0),
            (0, 16, -1, 82, 111, 0),
            (0, 240, -1, 82, 94, 0),
            (0, 241, -1, 82, 123, 0),
            (0, 242, -1, 82, 86, 0),
            (0, 243, -1, 82, 154, 0),
            (0, 244, -1, 82, 155, 0),
            (0, 245, -1, 82, 156, 0),
            (0, 35, -1, 82, 83, 0),
            (0, 246, -1, 82, 157, 0),
            (0, 247, -1, 82, 93, 0),
            (0, 248, -1, 82, 129, 0),
            (0, 43, -1, 82, 158, 0),
            (0, 249, -1, 82, 93, 0),
            (0, 250, -1, 82, 35, 0),
            (4, -1, -1, 82, -1, 0),
            (7, -1, -1, -1, -1, 0),
        ),
    ),
    # state 83
    (
        1,
        (
            (1, 8, 0, 83, -1, 0),
            (1, 31, 0, 83, -1, 0),
            (1, 19, 0, 83, -1, 0),
            (1, 4, 0, 83, -1, 0),
            (1, 251, 0, 83, -1, 0),
            (1, 32, 0, 83, -1, 0),
            (1, 252, 0, 83, -1, 0),
            (1, 53, 0, 83, -1, 0),
            (1, 39, 0, 83, -1, 0),
            (1, 40, 0, 83, -1, 0),
            (5, -1, -1, 83, -1, 0),
            (0, 62, -1, 84, 1, 0),
            (0, 63, -1, 84, 2, 0),
            (0, 121, -1, 84, 3, 0),
            (0, 2, -1, 84, 3, 0),
            (0, 64, -1, 84, 4, 0),
            (0, 65, -1, 84, 5, 0),
            (0, 122, -1, 84, 85, 0),
            (0, 66, -1, 84, 6, 0),
            (0, 123, -1, 84, 86, 0),
            (0, 124, -1, 84, 86, 0),
            (0, 125, -1, 84, 87, 0),
            (0, 67, -1, 84, 7, 0),
            (0, 68, -1, 84, 8, 0),
            (0, 54, -1, 84, 9, 0),
            (0, 126, -1, 84, 88, 0),
            (0, 69, -1, 84, 10, 0),
            (0, 70, -1, 84, 11, 0),
            (0, 71, -1, 84, 12, 0),
            (0, 72, -1, 84, 13, 0),
            (0, 73, -1, 84, 14, 0),
            (0, 74, -1, 84, 15, 0),
            (0, 37, -1, 84, 89, 0),
            (0, 127, -1, 84, 90, 0),
            (0, 128, -1, 84, 86, 0),
            (0, 129, -1, 84, 86, 0),
            (0, 130, -1, 84, 91, 0),
            (0, 131, -1, 84, 92, 0),
            (0, 132, -1, 84, 93, 0),
            (0, 133, -1, 84, 94, 0),
            (0, 50, -1, 84, 95, 0),
            (0, 75, -1, 84, 16, 0),
            (0, 76, -1, 84, 17, 0),
            (0, 134, -1, 84, 96, 0),
            (0, 135, -1, 84, 97, 0),
            (0, 136, -1, 84, 98, 0),
            (0, 137, -1, 84, 99, 0),
            (0, 77, -1, 84, 18, 0),
            (0, 78, -1, 84, 19, 0),
            (0, 79, -1, 84, 20, 0),
            (0, 80, -1, 84, 21, 0),
            (0, 81, -1, 84, 22, 0),
            (0, 138, -1, 84, 23, 0),
            (0, 12, -1, 84, 23, 0),
            (0, 7, -1, 84, 24, 0),
            (0, 11, -1, 84, 24, 0),
            (0, 139, -1, 84, 100, 0),
            (0, 27, -1, 84, 25, 0),
            (0, 0, -1, 84, 94, 0),
            (0, 42, -1, 84, 26, 0),
            (0, 82, -1, 84, 27, 0),
            (0, 1, -1, 84, 93, 0),
            (0, 140, -1, 84, 101, 0),
            (0, 49, -1, 84, 102, 0),
            (0, 83, -1, 84, 28, 0),
            (0, 141, -1, 84, 93, 0),
            (0, 142, -1, 84, 93, 0),
            (0, 143, -1, 84, 103, 0),
            (0, 144, -1, 84, 93, 0),
            (0, 145, -1, 84, 93, 0),
            (0, 146, -1, 84, 93, 0),
            (0, 147, -1, 84, 93, 0),
            (0, 148, -1, 84, 93, 0),
            (0, 149, -1, 84, 93, 0),
            (0, 150, -1, 84, 93, 0),
            (0, 151, -1, 84, 93, 0),
            (0, 152, -1, 84, 93, 0),
            (0, 84, -1, 84, 29, 0),
            (0, 153, -1, 84, 87, 0),
            (0, 13, -1, 84, 86, 0),
            (0, 85, -1, 84, 30, 0),
            (0, 154, -1, 84, 86, 0),
            (0, 155, -1, 84, 93, 0),
            (0, 156, -1, 84, 93, 0),
            (0, 157, -1, 84, 104, 0),
            (0, 158, -1, 84, 105, 0),
            (0, 159, -1, 84, 93, 0),
            (0, 160, -1, 84, 93, 0),
            (0, 161, -1, 84, 93, 0),
            (0, 162, -1, 84, 93, 0),
            (0, 163, -1, 84, 93, 0),
            (0, 164, -1, 84, 93, 0),
            (0, 165, -1, 84, 93, 0),
            (0, 166, -1, 84, 93, 0),
            (0, 167, -1, 84, 93, 0),
            (0, 168, -1, 84, 93, 0),
            (0, 169, -1, 84, 93, 0),
            (0, 170, -1, 84, 106, 0),
            (0, 171, -1, 84, 93, 0),
            (0, 172, -1, 84, 86, 0),
            (0, 173, -1, 84, 93, 0),
            (0, 174, -1, 84, 93, 0),
            (0, 175, -1, 84, 107, 0),
            (0, 86, -1, 84, 31, 0),
            (0, 176, -1, 84, 108, 0),
            (0, 177, -1, 84, 109, 0),
            (0, 178, -1, 84, 86, 0),
            (0, 87, -1, 84, 32, 0),
            (0, 179, -1, 84, 93, 0),
            (0, 180, -1, 84, 93, 0),
            (0, 181, -1, 84, 110, 0),
            (0, 88, -1, 84, 33, 0),
            (0, 182, -1, 84, 111, 0),
            (0, 183, -1, 84, 112, 0),
            (0, 184, -1, 84, 113, 0),
            (0, 185, -1, 84, 86, 0),
            (0, 186, -1, 84, 87, 0),
            (0, 15, -1, 84, 111, 0),
            (0, 5, -1, 84, 114, 0),
            (0, 187, -1, 84, 115, 0),
            (0, 56, -1, 84, 116, 0),
            (0, 188, -1, 84, 111, 0),
            (0, 89, -1, 84, 34, 0),
            (0, 20, -1, 84, 35, 0),
            (0, 21, -1, 84, 36, 0),
            (0, 189, -1, 84, 117, 0),
            (0, 90, -1, 84, 37, 0),
            (0, 9, -1, 84, 118, 0),
            (0, 190, -1, 84, 119, 0),
            (0, 191, -1, 84, 120, 0),
            (0, 192, -1, 84, 121, 0),
            (0, 193, -1, 84, 122, 0),
            (0, 91, -1, 84, 38, 0),
            (0, 92, -1, 84, 39, 0),
            (0, 26, -1, 84, 35, 0),
            (0, 38, -1, 84, 111, 0),
            (0, 194, -1, 84, 123, 0),
            (0, 195, -1, 84, 124, 0),
            (0, 3, -1, 84, 118, 0),
            (0, 196, -1, 84, 101, 0),
            (0, 197, -1, 84, 88, 0),
            (0, 93, -1, 84, 40, 0),
            (0, 14, -1, 84, 111, 0),
            (0, 24, -1, 84, 41, 0),
            (0, 33, -1, 84, 125, 0),
            (0, 34, -1, 84, 125, 0),
            (0, 198, -1, 84, 93, 0),
            (0, 199, -1, 84, 126, 0),
            (0, 94, -1, 84, 42, 0),
            (0, 200, -1, 84, 127, 0),
            (0, 201, -1, 84, 128, 0),
            (0, 202, -1, 84, 129, 0),
            (0, 95, -1, 84, 43, 0),
            (0, 96, -1, 84, 44, 0),
            (0, 203, -1, 84, 130, 0),
            (0, 204, -1, 84, 131, 0),
            (0, 97, -1, 84, 45, 0),
            (0, 98, -1, 84, 46, 0),
            (0, 205, -1, 84, 111, 0),
            (0, 99, -1, 84, 47, 0),
            (0, 100, -1, 84, 48, 0),
            (0, 101, -1, 84, 49, 0),
            (0, 102, -1, 84, 50, 0),
            (0, 206, -1, 84, 132, 0),
            (0, 207, -1, 84, 111, 0),
            (0, 208, -1, 84, 86, 0),
            (0, 28, -1, 84, 51, 0),
            (0, 209, -1, 84, 86, 0),
            (0, 29, -1, 84, 52, 0),
            (0, 17, -1, 84, 53, 0),
            (0, 210, -1, 84, 93, 0),
            (0, 211, -1, 84, 93, 0),
            (0, 10, -1, 84, 110, 0),
            (0, 6, -1, 84, 133, 0),
            (0, 22, -1, 84, 54, 0),
            (0, 212, -1, 84, 129, 0),
            (0, 213, -1, 84, 134, 0),
            (0, 214, -1, 84, 97, 0),
            (0, 103, -1, 84, 55, 0),
            (0, 44, -1, 84, 135, 0),
            (0, 215, -1, 84, 136, 0),
            (0, 216, -1, 84, 136, 0),
            (0, 104, -1, 84, 56, 0),
            (0, 25, -1, 84, 57, 0),
            (0, 45, -1, 84, 125, 0),
            (0, 217, -1, 84, 137, 0),
            (0, 218, -1, 84, 138, 0),
            (0, 105, -1, 84, 58, 0),
            (0, 219, -1, 84, 136, 0),
            (0, 220, -1, 84, 111, 0),
            (0, 36, -1, 84, 130, 0),
            (0, 221, -1, 84, 139, 0),
            (0, 222, -1, 84, 140, 0),
            (0, 223, -1, 84, 141, 0),
            (0, 48, -1, 84, 142, 0),
            (0, 224, -1, 84, 142, 0),
            (0, 106, -1, 84, 59, 0),
            (0, 107, -1, 84, 60, 0),
            (0, 108, -1, 84, 61, 0),
            (0, 109, -1, 84, 62, 0),
            (0, 46, -1, 84, 143, 0),
            (0, 225, -1, 84, 143, 0),
            (0, 226, -1, 84, 144, 0),
            (0, 227, -1, 84, 145, 0),
            (0, 228, -1, 84, 146, 0),
            (0, 47, -1, 84, 147, 0),
            (0, 229, -1, 84, 147, 0),
            (0, 30, -1, 84, 148, 0),
            (0, 230, -1, 84, 148, 0),
            (0, 110, -1, 84, 63, 0),
            (0, 111, -1, 84, 64, 0),
            (0, 112, -1, 84, 65, 0),
            (0, 113, -1, 84, 66, 0),
            (0, 231, -1, 84, 149, 0),
            (0, 114, -1, 84, 67, 0),
            (0, 115, -1, 84, 68, 0),
            (0, 116, -1, 84, 69, 0),
            (0, 52, -1, 84, 70, 0),
            (0, 117, -1, 84, 71, 0),
            (0, 51, -1, 84, 72, 0),
            (0, 232, -1, 84, 150, 0),
            (0, 233, -1, 84, 151, 0),
            (0, 234, -1, 84, 109, 0),
            (0, 18, -1, 84, 73, 0),
            (0, 55, -1, 84, 74, 0),
            (0, 41, -1, 84, 75, 0),
            (0, 235, -1, 84, 152, 0),
            (0, 118, -1, 84, 76, 0),
            (0, 236, -1, 84, 129, 0),
            (0, 119, -1, 84, 77, 0),
            (0, 120, -1, 84, 78, 0),
            (0, 61, -1, 84, 125, 0),
            (0, 60, -1, 84, 125, 0),
            (0, 23, -1, 84, 79, 0),
            (0, 237, -1, 84, 35, 0),
            (0, 57, -1, 84, 134, 0),
            (0, 58, -1, 84, 125, 0),
            (0, 238, -1, 84, 153, 0),
            (0, 59, -1, 84, 35, 0),
            (0, 239, -1, 84, 35, 0),
            (0, 16, -1, 84, 111, 0),
            (0, 240, -1, 84, 94, 0),
            (0, 241, -1, 84, 123, 0),
            (0, 242, -1, 84, 86, 0),
            (0, 243, -1, 84, 154, 0),
            (0, 244, -1, 84, 155, 0),
            (0, 245, -1, 84, 156, 0),
            (0, 35, -1, 84, 83, 0),
            (0, 246, -1, 84, 157, 0),
            (0, 247, -1, 84, 93, 0),
            (0, 248, -1, 84, 129, 0),
            (0, 43, -1, 84, 158, 0),
            (0, 249, -1, 84, 93, 0),
            (0, 250, -1, 84, 35, 0),
            (4, -1, -1, 84, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 84, -1, 0),
        ),
    ),
    # state 84
    (
        1,
        (
            (0, 62, -1, 84, 1, 0),
            (0, 63, -1, 84, 2, 0),
            (0, 121, -1, 84, 3, 0),
            (0, 2, -1, 84, 3, 0),
            (0, 64, -1, 84, 4, 0),
            (0, 65, -1, 84, 5, 0),
            (0, 122, -1, 84, 85, 0),
            (0, 66, -1, 84, 6, 0),
            (0, 123, -1, 84, 86, 0),
            (0, 124, -1, 84, 86, 0),
            (0, 125, -1, 84, 87, 0),
            (0, 67, -1, 84, 7, 0),
            (0, 68, -1, 84, 8, 0),
            (0, 54, -1, 84, 9, 0),
            (0, 126, -1, 84, 88, 0),
            (0, 69, -1, 84, 10, 0),
            (0, 70, -1, 84, 11, 0),
            (0, 71, -1, 84, 12, 0),
            (0, 72, -1, 84, 13, 0),
            (0, 73, -1, 84, 14, 0),
            (0, 74, -1, 84, 15, 0),
            (0, 37, -1, 84, 89, 0),
            (0, 127, -1, 84, 90, 0),
            (0, 128, -1, 84, 86, 0),
            (0, 129, -1, 84, 86, 0),
            (0, 130, -1, 84, 91, 0),
            (0, 131, -1, 84, 92, 0),
            (0, 132, -1, 84, 93, 0),
            (0, 133, -1, 84, 94, 0),
            (0, 50, -1, 84, 95, 0),
            (0, 75, -1, 84, 16, 0),
            (0, 76, -1, 84, 17, 0),
            (0, 134, -1, 84, 96, 0),
            (0, 135, -1, 84, 97, 0),
            (0, 136, -1, 84, 98, 0),
            (0, 137, -1, 84, 99, 0),
            (0, 77, -1, 84, 18, 0),
            (0, 78, -1, 84, 19, 0),
            (0, 79, -1, 84, 20, 0),
            (0, 80, -1, 84, 21, 0),
            (0, 81, -1, 84, 22, 0),
            (0, 138, -1, 84, 23, 0),
            (0, 12, -1, 84, 23, 0),
            (0, 7, -1, 84, 24, 0),
            (0, 11, -1, 84, 24, 0),
            (0, 139, -1, 84, 100, 0),
            (0, 27, -1, 84, 25, 0),
            (0, 0, -1, 84, 94, 0),
            (0, 42, -1, 84, 26, 0),
            (0, 82, -1, 84, 27, 0),
            (0, 1, -1, 84, 93, 0),
            (0, 140, -1, 84, 101, 0),
            (0, 49, -1, 84, 102, 0),
            (0, 83, -1, 84, 28, 0),
            (0, 141, -1, 84, 93, 0),
            (0, 142, -1, 84, 93, 0),
            (0, 143, -1, 84, 103, 0),
            (0, 144, -1, 84, 93, 0),
            (0, 145, -1, 84, 93, 0),
            (0, 146, -1, 84, 93, 0),
            (0, 147, -1, 84, 93, 0),
            (0, 148, -1, 84, 93, 0),
            (0, 149, -1, 84, 93, 0),
            (0, 150, -1, 84, 93, 0),
            (0, 151, -1, 84, 93, 0),
            (0, 152, -1, 84, 93, 0),
            (0, 84, -1, 84, 29, 0),
            (0, 153, -1, 84, 87, 0),
            (0, 13, -1, 84, 86, 0),
            (0, 85, -1, 84, 30, 0),
            (0, 154, -1, 84, 86, 0),
            (0, 155, -1, 84, 93, 0),
            (0, 156, -1, 84, 93, 0),
            (0, 157, -1, 84, 104, 0),
            (0, 158, -1, 84, 105, 0),
            (0, 159, -1, 84, 93, 0),
            (0, 160, -1, 84, 93, 0),
            (0, 161, -1, 84, 93, 0),
            (0, 162, -1, 84, 93, 0),
            (0, 163, -1, 84, 93, 0),
            (0, 164, -1, 84, 93, 0),
            (0, 165, -1, 84, 93, 0),
            (0, 166, -1, 84, 93, 0),
            (0, 167, -1, 84, 93, 0),
            (0, 168, -1, 84, 93, 0),
            (0, 169, -1, 84, 93, 0),
            (0, 170, -1, 84, 106, 0),
            (0, 171, -1, 84, 93, 0),
            (0, 172, -1, 84, 86, 0),
            (0, 173, -1, 84, 93, 0),
            (0, 174, -1, 84, 93, 0),
            (0, 175, -1, 84, 107, 0),
            (0, 86, -1, 84, 31, 0),
            (0, 176, -1, 84, 108, 0),
            (0, 177, -1, 84, 109, 0),
            (0, 178, -1, 84, 86, 0),
            (0, 87, -1, 84, 32, 0),
            (0, 179, -1, 84, 93, 0),
            (0, 180, -1, 84, 93, 0),
            (0, 181, -1, 84, 110, 0),
            (0, 88, -1, 84, 33, 0),
            (0, 182, -1, 84, 111, 0),
            (0, 183, -1, 84, 112, 0),
            (0, 184, -1, 84, 113, 0),
            (0, 185, -1, 84, 86, 0),
            (0, 186, -1, 84, 87, 0),
            (0, 15, -1, 84, 111, 0),
            (0, 5, -1, 84, 114, 0),
            (0, 187, -1, 84, 115, 0),
            (0, 56, -1, 84, 116, 0),
            (0, 188, -1, 84, 111, 0),
            (0, 89, -1, 84, 34, 0),
            (0, 20, -1, 84, 35, 0),
            (0, 21, -1, 84, 36, 0),
            (0, 189, -1, 84, 117, 0),
            (0, 90, -1, 84, 37, 0),
            (0, 9, -1, 84, 118, 0),
            (0, 190, -1, 84, 119, 0),
            (0, 191, -1, 84, 120, 0),
            (0, 192, -1, 84, 121, 0),
            (0, 193, -1, 84, 122, 0),
            (0, 91, -1, 84, 38, 0),
            (0, 92, -1, 84, 39, 0),
            (0, 26, -1, 84, 35, 0),
            (0, 38, -1, 84, 111, 0),
            (0, 194, -1, 84, 123, 0),
            (0, 195, -1, 84, 124, 0),
            (0, 3, -1, 84, 118, 0),
            (0, 196, -1, 84, 101, 0),
            (0, 197, -1, 84, 88, 0),
            (0, 93, -1, 84, 40, 0),
            (0, 14, -1, 84, 111, 0),
            (0, 24, -1, 84, 41, 0),
            (0, 33, -1, 84, 125, 0),
            (0, 34, -1, 84, 125, 0),
            (0, 198, -1, 84, 93, 0),
            (0, 199, -1, 84, 126, 0),
            (0, 94, -1, 84, 42, 0),
            (0, 200, -1, 84, 127, 0),
            (0, 201, -1, 84, 128, 0),
            (0, 202, -1, 84, 129, 0),
            (0, 95, -1, 84, 43, 0),
            (0, 96, -1, 84, 44, 0),
            (0, 203, -1, 84, 130, 0),
            (0, 204, -1, 84, 131, 0),
            (0, 97, -1, 84, 45, 0),
            (0, 98, -1, 84, 46, 0),
            (0, 205, -1, 84, 111, 0),
            (0, 99, -1, 84, 47, 0),
            (0, 100, -1, 84, 48, 0),
            (0, 101, -1, 84, 49, 0),
            (0, 102, -1, 84, 50, 0),
            (0, 206, -1, 84, 132, 0),
            (0, 207, -1, 84, 111, 0),
            (0, 208, -1, 84, 86, 0),
            (0, 28, -1, 84, 51, 0),
            (0, 209, -1, 84, 86, 0),
            (0, 29, -1, 84, 52, 0),
            (0, 17, -1, 84, 53, 0),
            (0, 210, -1, 84, 93, 0),
            (0, 211, -1, 84, 93, 0),
            (0, 10, -1, 84, 110, 0),
            (0, 6, -1, 84, 133, 0),
            (0, 22, -1, 84, 54, 0),
            (0, 212, -1, 84, 129, 0),
            (0, 213, -1, 84, 134, 0),
            (0, 214, -1, 84, 97, 0),
            (0, 103, -1, 84, 55, 0),
            (0, 44, -1, 84, 135, 0),
            (0, 215, -1, 84, 136, 0),
            (0, 216, -1, 84, 136, 0),
            (0, 104, -1, 84, 56, 0),
            (0, 25, -1, 84, 57, 0),
            (0, 45, -1, 84, 125, 0),
            (0, 217, -1, 84, 137, 0),
            (0, 218, -1, 84, 138, 0),
            (0, 105, -1, 84, 58, 0),
            (0, 219, -1, 84, 136, 0),
            (0, 220, -1, 84, 111, 0),
            (0, 36, -1, 84, 130, 0),
            (0, 221, -1, 84, 139, 0),
            (0, 222, -1, 84, 140, 0),
            (0, 223, -1, 84, 141, 0),
            (0, 48, -1, 84, 142, 0),
            (0, 224, -1, 84, 142, 0),
            (0, 106, -1, 84, 59, 0),
            (0, 107, -1, 84, 60, 0),
            (0, 108, -1, 84, 61, 0),
            (0, 109, -1, 84, 62, 0),
            (0, 46, -1, 84, 143, 0),
            (0, 225, -1, 84, 143, 0),
            (0, 226, -1, 84, 144, 0),
            (0, 227, -1, 84, 145, 0),
            (0, 228, -1, 84, 146, 0),
            (0, 47, -1, 84, 147, 0),
            (0, 229, -1, 84, 147, 0),
            (0, 30, -1, 84, 148, 0),
            (0, 230, -1, 84, 148, 0),
            (0, 110, -1, 84, 63, 0),
            (0, 111, -1, 84, 64, 0),
            (0, 112, -1, 84, 65, 0),
            (0, 113, -1, 84, 66, 0),
            (0, 231, -1, 84, 149, 0),
            (0, 114, -1, 84, 67, 0),
            (0, 115, -1, 84, 68, 0),
            (0, 116, -1, 84, 69, 0),
            (0, 52, -1, 84, 70, 0),
            (0, 117, -1, 84, 71, 0),
            (0, 51, -1, 84, 72, 0),
            (0, 232, -1, 84, 150, 0),
            (0, 233, -1, 84, 151, 0),
            (0, 234, -1, 84, 109, 0),
            (0, 18, -1, 84, 73, 0),
            (0, 55, -1, 84, 74, 0),
            (0, 41, -1, 84, 75, 0),
            (0, 235, -1, 84, 152, 0),
            (0, 118, -1, 84, 76, 0),
            (0, 236, -1, 84, 129, 0),
            (0, 119, -1, 84, 77, 0),
            (0, 120, -1, 84, 78, 0),
            (0, 61, -1, 84, 125, 0),
            (0, 60, -1, 84, 125, 0),
            (0, 23, -1, 84, 79, 0),
            (0, 237, -1, 84, 35, 0),
            (0, 57, -1, 84, 134, 0),
            (0, 58, -1, 84, 125, 0),
            (0, 238, -1, 84, 153, 0),
            (0, 59, -1, 84, 35, 0),
            (0, 239, -1, 84, 35, 0),
            (0, 16, -1, 84, 111, 0),
            (0, 240, -1, 84, 94, 0),
            (0, 241, -1, 84, 123, 0),
            (0, 242, -1, 84, 86, 0),
            (0, 243, -1, 84, 154, 0),
            (0, 244, -1, 84, 155, 0),
            (0, 245, -1, 84, 156, 0),
            (0, 35, -1, 84, 83, 0),
            (0, 246, -1, 84, 157, 0),
            (0, 247, -1, 84, 93, 0),
            (0, 248, -1, 84, 129, 0),
            (0, 43, -1, 84, 158, 0),
            (0, 249, -1, 84, 93, 0),
            (0, 250, -1, 84, 35, 0),
            (4, -1, -1, 84, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 84, -1, 0),
        ),
    ),
    # state 85
    (
        1,
        (
            (0, 64, -1, 437, 4, 0),
            (0, 65, -1, 437, 5, 0),
            (0, 66, -1, 437, 6, 0),
            (0, 67, -1, 437, 7, 0),
            (0, 68, -1, 437, 8, 0),
            (0, 69, -1, 437, 10, 0),
            (0, 70, -1, 437, 11, 0),
            (0, 71, -1, 437, 12, 0),
            (0, 72, -1, 437, 13, 0),
            (0, 73, -1, 437, 14, 0),
            (0, 74, -1, 437, 15, 0),
            (0, 75, -1, 437, 16, 0),
            (0, 76, -1, 437, 17, 0),
            (0, 77, -1, 437, 18, 0),
            (0, 78, -1, 437, 19, 0),
            (0, 91, -1, 437, 38, 0),
            (0, 92, -1, 437, 39, 0),
            (0, 95, -1, 437, 43, 0),
            (0, 96, -1, 437, 44, 0),
            (0, 97, -1, 437, 45, 0),
            (0, 98, -1, 437, 46, 0),
            (0, 99, -1, 437, 47, 0),
            (0, 100, -1, 437, 48, 0),
            (0, 101, -1, 437, 49, 0),
            (0, 102, -1, 437, 50, 0),
            (0, 106, -1, 437, 59, 0),
            (0, 107, -1, 437, 60, 0),
            (0, 108, -1, 437, 61, 0),
            (0, 109, -1, 437, 62, 0),
            (0, 110, -1, 437, 63, 0),
            (0, 111, -1, 437, 64, 0),
            (0, 112, -1, 437, 65, 0),
            (0, 113, -1, 437, 66, 0),
            (0, 119, -1, 437, 77, 0),
            (0, 120, -1, 437, 78, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 86
    (1, ((2, -1, 2, 438, -1, 0),)),
    # state 87
    (1, ((2, -1, 3, 439, -1, 0),)),
    # state 88
    (1, ((2, -1, 4, 440, -1, 0),)),
    # state 89
    (1, ((2, -1, 5, 441, -1, 0),)),
    # state 90
    (1, ((0, 225, -1, 442, 143, 0),)),
    # state 91
    (1, ((0, 206, -1, 448, 132, 1),)),
    # state 92
    (1, ((2, -1, 6, 450, -1, 0),)),
    # state 93
    (1, ((0, 194, -1, 451, 123, 0),)),
    # state 94
    (1, ((2, -1, 7, 454, -1, 0),)),
    # state 95
    (1, ((2, -1, 8, 455, -1, 0),)),
    # state 96
    (1, ((0, 249, -1, 456, 93, 0),)),
    # state 97
    (
        1,
        (
            (1, 251, 0, 460, -1, 0),
            (0, 126, -1, 461, 88, 0),
        ),
    ),
    # state 98
    (1, ((1, 251, 0, 463, -1, 0),)),
    # state 99
    (1, ((0, 244, -1, 465, 155, 0),)),
    # state 100
    (1, ((1, 251, 0, 468, -1, 0),)),
    # state 101
    (1, ((2, -1, 9, 470, -1, 0),)),
    # state 102
    (1, ((2, -1, 10, 471, -1, 0),)),
    # state 103
    (1, ((2, -1, 11, 472, -1, 0),)),
    # state 104
    (1, ((2, -1, 12, 473, -1, 0),)),
    # state 105
    (1, ((2, -1, 13, 474, -1, 0),)),
    # state 106
    (1, ((2, -1, 14, 475, -1, 0),)),
    # state 107
    (1, ((2, -1, 15, 476, -1, 0),)),
    # state 108
    (1, ((2, -1, 16, 477, -1, 0),)),
    # state 109
    (1, ((2, -1, 17, 478, -1, 0),)),
    # state 110
    (1, ((2, -1, 18, 479, -1, 0),)),
    # state 111
    (1, ((2, -1, 1, 480, -1, 0),)),
    # state 112
    (1, ((2, -1, 19, 481, -1, 0),)),
    # state 113
    (1, ((2, -1, 20, 482, -1, 0),)),
    # state 114
    (1, ((2, -1, 21, 483, -1, 0),)),
    # state 115
    (1, ((2, -1, 22, 484, -1, 0),)),
    # state 116
    (1, ((0, 230, -1, 485, 148, 0),)),
    # state 117
    (1, ((0, 213, -1, 488, 134, 1),)),
    # state 118
    (1, ((2, -1, 23, 490, -1, 0),)),
    # state 119
    (1, ((2, -1, 24, 491, -1, 0),)),
    # state 120
    (1, ((0, 190, -1, 492, 119, 0),)),
    # state 121
    (1, ((2, -1, 25, 497, -1, 0),)),
    # state 122
    (1, ((2, -1, 26, 498, -1, 0),)),
    # state 123
    (1, ((2, -1, 27, 499, -1, 0),)),
    # state 124
    (1, ((0, 183, -1, 500, 112, 0),)),
    # state 125
    (1, ((2, -1, 1, 502, -1, 0),)),
    # state 126
    (1, ((0, 94, -1, 503, 42, 1),)),
    # state 127
    (1, ((1, 252, 0, 505, -1, 0),)),
    # state 128
    (1, ((0, 202, -1, 512, 129, 0),)),
    # state 129
    (1, ((2, -1, 26, 515, -1, 0),)),
    # state 130
    (1, ((2, -1, 28, 516, -1, 0),)),
    # state 131
    (1, ((0, 203, -1, 517, 130, 1),)),
    # state 132
    (1, ((0, 133, -1, 519, 94, 0),)),
    # state 133
    (1, ((2, -1, 29, 522, -1, 0),)),
    # state 134
    (1, ((0, 237, -1, 523, 35, 0),)),
    # state 135
    (1, ((0, 216, -1, 525, 136, 0),)),
    # state 136
    (1, ((2, -1, 30, 528, -1, 0),)),
    # state 137
    (
        1,
        (
            (1, 251, 0, 529, -1, 0),
            (0, 219, -1, 530, 136, 0),
        ),
    ),
    # state 138
    (1, ((2, -1, 24, 535, -1, 0),)),
    # state 139
    (1, ((0, 225, -1, 536, 143, 0),)),
    # state 140
    (1, ((0, 221, -1, 538, 139, 1),)),
    # state 141
    (1, ((0, 225, -1, 540, 143, 0),)),
    # state 142
    (1, ((2, -1, 31, 545, -1, 0),)),
    # state 143
    (1, ((2, -1, 23, 546, -1, 0),)),
    # state 144
    (1, ((0, 223, -1, 547, 141, 1),)),
    # state 145
    (1, ((2, -1, 24, 555, -1, 0),)),
    # state 146
    (1, ((0, 201, -1, 556, 128, 1),)),
    # state 147
    (1, ((2, -1, 20, 558, -1, 0),)),
    # state 148
    (1, ((2, -1, 32, 559, -1, 0),)),
    # state 149
    (1, ((2, -1, 33, 560, -1, 0),)),
    # state 150
    (1, ((0, 126, -1, 561, 88, 1),)),
    # state 151
    (1, ((0, 181, -1, 565, 110, 1),)),
    # state 152
    (1, ((2, -1, 34, 571, -1, 0),)),
    # state 153
    (1, ((2, -1, 22, 572, -1, 0),)),
    # state 154
    (1, ((2, -1, 35, 573, -1, 0),)),
    # state 155
    (1, ((2, -1, 36, 574, -1, 0),)),
    # state 156
    (1, ((2, -1, 37, 575, -1, 0),)),
    # state 157
    (1, ((2, -1, 38, 576, -1, 0),)),
    # state 158
    (1, ((2, -1, 39, 577, -1, 0),)),
    # state 159
    (1, ((0, 1, -1, 160, 93, 0),)),
    # state 160
    (1, ((0, 145, -1, 161, 93, 0),)),
    # state 161
    (1, ((0, 144, -1, 162, 93, 0),)),
    # state 162
    (1, ((0, 152, -1, 163, 93, 0),)),
    # state 163
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 164
    (1, ((0, 169, -1, 165, 93, 0),)),
    # state 165
    (1, ((0, 160, -1, 166, 93, 0),)),
    # state 166
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 167
    (1, ((0, 170, -1, 168, 106, 0),)),
    # state 168
    (1, ((0, 208, -1, 169, 86, 0),)),
    # state 169
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 170
    (
        1,
        (
            (0, 5, -1, 171, 114, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 171
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 172
    (1, ((0, 175, -1, 173, 107, 0),)),
    # state 173
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 174
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 175
    (1, ((0, 138, -1, 176, 23, 0),)),
    # state 176
    (1, ((0, 175, -1, 177, 107, 0),)),
    # state 177
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 178
    (
        1,
        (
            (4, -1, -1, 179, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 180, -1, 0),
        ),
    ),
    # state 179
    (
        1,
        (
            (4, -1, -1, 179, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 179, -1, 0),
        ),
    ),
    # state 180
    (
        1,
        (
            (4, -1, -1, 179, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 180, -1, 0),
        ),
    ),
    # state 181
    (1, ((0, 197, -1, 182, 88, 0),)),
    # state 182
    (1, ((0, 189, -1, 183, 117, 0),)),
    # state 183
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 184
    (1, ((1, 251, 0, 578, -1, 0),)),
    # state 185
    (1, ((0, 214, -1, 186, 97, 0),)),
    # state 186
    (1, ((0, 135, -1, 187, 97, 0),)),
    # state 187
    (1, ((0, 136, -1, 188, 98, 0),)),
    # state 188
    (1, ((0, 139, -1, 189, 100, 0),)),
    # state 189
    (1, ((0, 35, -1, 190, 184, 0),)),
    # state 190
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 191
    (1, ((2, -1, 40, 580, -1, 0),)),
    # state 192
    (1, ((0, 135, -1, 193, 97, 0),)),
    # state 193
    (1, ((0, 35, -1, 194, 191, 0),)),
    # state 194
    (1, ((0, 189, -1, 195, 117, 0),)),
    # state 195
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 196
    (1, ((0, 214, -1, 197, 97, 0),)),
    # state 197
    (1, ((0, 135, -1, 198, 97, 0),)),
    # state 198
    (1, ((0, 136, -1, 199, 98, 0),)),
    # state 199
    (1, ((0, 139, -1, 200, 100, 0),)),
    # state 200
    (1, ((0, 35, -1, 201, 184, 0),)),
    # state 201
    (
        1,
        (
            (0, 212, -1, 202, 129, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 202
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 203
    (1, ((0, 10, -1, 204, 110, 0),)),
    # state 204
    (
        1,
        (
            (0, 62, -1, 205, 1, 0),
            (0, 79, -1, 205, 20, 0),
            (0, 83, -1, 205, 28, 0),
        ),
    ),
    # state 205
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 206
    (1, ((0, 175, -1, 207, 107, 0),)),
    # state 207
    (
        1,
        (
            (0, 103, -1, 208, 55, 0),
            (0, 104, -1, 208, 56, 0),
            (0, 63, -1, 209, 2, 0),
            (0, 81, -1, 209, 22, 0),
            (0, 85, -1, 209, 30, 0),
        ),
    ),
    # state 208
    (
        1,
        (
            (0, 63, -1, 209, 2, 0),
            (0, 81, -1, 209, 22, 0),
            (0, 85, -1, 209, 30, 0),
        ),
    ),
    # state 209
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 210
    (1, ((0, 157, -1, 211, 104, 0),)),
    # state 211
    (1, ((0, 215, -1, 212, 136, 0),)),
    # state 212
    (
        1,
        (
            (0, 159, -1, 213, 93, 0),
            (0, 191, -1, 214, 120, 0),
            (0, 209, -1, 215, 86, 0),
            (0, 121, -1, 216, 3, 0),
        ),
    ),
    # state 213
    (
        1,
        (
            (0, 191, -1, 214, 120, 0),
            (0, 209, -1, 215, 86, 0),
            (0, 121, -1, 216, 3, 0),
        ),
    ),
    # state 214
    (
        1,
        (
            (0, 209, -1, 215, 86, 0),
            (0, 121, -1, 216, 3, 0),
        ),
    ),
    # state 215
    (1, ((0, 121, -1, 216, 3, 0),)),
    # state 216
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 217
    (1, ((0, 179, -1, 218, 93, 0),)),
    # state 218
    (
        1,
        (
            (0, 150, -1, 219, 93, 0),
            (0, 146, -1, 220, 93, 0),
            (0, 148, -1, 221, 93, 0),
            (0, 123, -1, 222, 86, 0),
            (0, 128, -1, 223, 86, 0),
        ),
    ),
    # state 219
    (
        1,
        (
            (0, 146, -1, 220, 93, 0),
            (0, 148, -1, 221, 93, 0),
            (0, 123, -1, 222, 86, 0),
            (0, 128, -1, 223, 86, 0),
        ),
    ),
    # state 220
    (
        1,
        (
            (0, 148, -1, 221, 93, 0),
            (0, 123, -1, 222, 86, 0),
            (0, 128, -1, 223, 86, 0),
        ),
    ),
    # state 221
    (
        1,
        (
            (0, 123, -1, 222, 86, 0),
            (0, 128, -1, 223, 86, 0),
        ),
    ),
    # state 222
    (1, ((0, 128, -1, 223, 86, 0),)),
    # state 223
    (
        1,
        (
            (0, 211, -1, 224, 93, 0),
            (0, 210, -1, 225, 93, 0),
            (0, 180, -1, 226, 93, 0),
        ),
    ),
    # state 224
    (
        1,
        (
            (0, 210, -1, 225, 93, 0),
            (0, 180, -1, 226, 93, 0),
        ),
    ),
    # state 225
    (1, ((0, 180, -1, 226, 93, 0),)),
    # state 226
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 227
    (1, ((0, 138, -1, 228, 23, 0),)),
    # state 228
    (1, ((0, 174, -1, 229, 93, 0),)),
    # state 229
    (1, ((0, 173, -1, 230, 93, 0),)),
    # state 230
    (1, ((0, 154, -1, 231, 86, 0),)),
    # state 231
    (1, ((0, 178, -1, 232, 86, 0),)),
    # state 232
    (1, ((0, 172, -1, 233, 86, 0),)),
    # state 233
    (
        1,
        (
            (0, 165, -1, 234, 93, 0),
            (0, 161, -1, 235, 93, 0),
            (0, 163, -1, 236, 93, 0),
            (0, 157, -1, 237, 104, 0),
        ),
    ),
    # state 234
    (
        1,
        (
            (0, 161, -1, 235, 93, 0),
            (0, 163, -1, 236, 93, 0),
            (0, 157, -1, 237, 104, 0),
        ),
    ),
    # state 235
    (
        1,
        (
            (0, 163, -1, 236, 93, 0),
            (0, 157, -1, 237, 104, 0),
        ),
    ),
    # state 236
    (1, ((0, 157, -1, 237, 104, 0),)),
    # state 237
    (1, ((0, 215, -1, 238, 136, 0),)),
    # state 238
    (
        1,
        (
            (0, 191, -1, 239, 120, 0),
            (0, 209, -1, 240, 86, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 239
    (
        1,
        (
            (0, 209, -1, 240, 86, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 240
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 241
    (1, ((0, 11, -1, 242, 24, 0),)),
    # state 242
    (1, ((0, 147, -1, 243, 93, 0),)),
    # state 243
    (
        1,
        (
            (0, 149, -1, 244, 93, 0),
            (0, 151, -1, 245, 93, 0),
        ),
    ),
    # state 244
    (1, ((0, 151, -1, 245, 93, 0),)),
    # state 245
    (
        1,
        (
            (0, 141, -1, 246, 93, 0),
            (0, 142, -1, 247, 93, 0),
            (0, 186, -1, 248, 87, 0),
            (0, 125, -1, 249, 87, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 246
    (
        1,
        (
            (0, 142, -1, 247, 93, 0),
            (0, 186, -1, 248, 87, 0),
            (0, 125, -1, 249, 87, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 247
    (
        1,
        (
            (0, 186, -1, 248, 87, 0),
            (0, 125, -1, 249, 87, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 248
    (
        1,
        (
            (0, 125, -1, 249, 87, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 249
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 250
    (
        1,
        (
            (0, 124, -1, 251, 86, 0),
            (0, 129, -1, 252, 86, 0),
        ),
    ),
    # state 251
    (1, ((0, 129, -1, 252, 86, 0),)),
    # state 252
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 253
    (1, ((0, 162, -1, 254, 93, 0),)),
    # state 254
    (1, ((0, 164, -1, 255, 93, 0),)),
    # state 255
    (1, ((0, 166, -1, 256, 93, 0),)),
    # state 256
    (1, ((0, 167, -1, 257, 93, 0),)),
    # state 257
    (1, ((0, 168, -1, 258, 93, 0),)),
    # state 258
    (
        1,
        (
            (0, 155, -1, 259, 93, 0),
            (0, 171, -1, 260, 93, 0),
        ),
    ),
    # state 259
    (1, ((0, 171, -1, 260, 93, 0),)),
    # state 260
    (
        1,
        (
            (0, 156, -1, 261, 93, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 261
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 262
    (1, ((0, 170, -1, 263, 106, 0),)),
    # state 263
    (
        1,
        (
            (0, 158, -1, 264, 105, 0),
            (0, 176, -1, 265, 108, 0),
        ),
    ),
    # state 264
    (1, ((0, 176, -1, 265, 108, 0),)),
    # state 265
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 266
    (1, ((0, 143, -1, 267, 103, 0),)),
    # state 267
    (1, ((0, 153, -1, 268, 87, 0),)),
    # state 268
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 269
    (1, ((0, 207, -1, 272, 111, 0),)),
    # state 270
    (1, ((0, 16, -1, 271, 111, 0),)),
    # state 271
    (
        1,
        (
            (0, 188, -1, 273, 111, 0),
            (0, 220, -1, 274, 111, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 272
    (
        1,
        (
            (0, 15, -1, 270, 111, 0),
            (0, 16, -1, 271, 111, 0),
        ),
    ),
    # state 273
    (
        1,
        (
            (0, 220, -1, 274, 111, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 274
    (1, ((0, 205, -1, 275, 111, 0),)),
    # state 275
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 276
    (
        1,
        (
            (4, -1, -1, 277, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 278, -1, 0),
        ),
    ),
    # state 277
    (
        1,
        (
            (4, -1, -1, 277, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 277, -1, 0),
        ),
    ),
    # state 278
    (
        1,
        (
            (4, -1, -1, 277, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 278, -1, 0),
        ),
    ),
    # state 279
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 280
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 281
    (1, ((0, 170, -1, 282, 106, 0),)),
    # state 282
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 283
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 284
    (
        1,
        (
            (0, 20, -1, 285, 35, 1),
            (0, 21, -1, 286, 36, 1),
            (0, 22, -1, 287, 54, 1),
            (0, 23, -1, 288, 79, 1),
            (0, 24, -1, 289, 41, 1),
            (0, 25, -1, 290, 57, 1),
            (0, 26, -1, 291, 35, 1),
            (4, -1, -1, 292, -1, 0),
            (6, -1, -1, 293, -1, 0),
        ),
    ),
    # state 285
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 285, -1, 0),
        ),
    ),
    # state 286
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 286, -1, 0),
        ),
    ),
    # state 287
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 287, -1, 0),
        ),
    ),
    # state 288
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 288, -1, 0),
        ),
    ),
    # state 289
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 289, -1, 0),
        ),
    ),
    # state 290
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 290, -1, 0),
        ),
    ),
    # state 291
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 291, -1, 0),
        ),
    ),
    # state 292
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 292, -1, 0),
        ),
    ),
    # state 293
    (
        1,
        (
            (0, 20, -1, 285, 35, 1),
            (0, 21, -1, 286, 36, 1),
            (0, 22, -1, 287, 54, 1),
            (0, 23, -1, 288, 79, 1),
            (0, 24, -1, 289, 41, 1),
            (0, 25, -1, 290, 57, 1),
            (0, 26, -1, 291, 35, 1),
            (4, -1, -1, 292, -1, 0),
            (6, -1, -1, 293, -1, 0),
        ),
    ),
    # state 294
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 294, -1, 0),
        ),
    ),
    # state 295
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 295, -1, 0),
        ),
    ),
    # state 296
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 296, -1, 0),
        ),
    ),
    # state 297
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 297, -1, 0),
        ),
    ),
    # state 298
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 298, -1, 0),
        ),
    ),
    # state 299
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 299, -1, 0),
        ),
    ),
    # state 300
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 300, -1, 0),
        ),
    ),
    # state 301
    (
        1,
        (
            (0, 20, -1, 294, 35, 1),
            (0, 21, -1, 295, 36, 1),
            (0, 22, -1, 296, 54, 1),
            (0, 23, -1, 297, 79, 1),
            (0, 24, -1, 298, 41, 1),
            (0, 25, -1, 299, 57, 1),
            (0, 26, -1, 300, 35, 1),
            (4, -1, -1, 301, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 301, -1, 0),
        ),
    ),
    # state 302
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 303
    (
        1,
        (
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 303, -1, 0),
        ),
    ),
    # state 304
    (
        1,
        (
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 304, -1, 0),
        ),
    ),
    # state 305
    (
        1,
        (
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 305, -1, 0),
        ),
    ),
    # state 306
    (
        1,
        (
            (0, 27, -1, 303, 25, 0),
            (0, 28, -1, 304, 51, 0),
            (4, -1, -1, 305, -1, 0),
            (6, -1, -1, 306, -1, 0),
        ),
    ),
    # state 307
    (1, ((0, 29, -1, 308, 52, 1),)),
    # state 308
    (
        1,
        (
            (0, 29, -1, 309, 52, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 309
    (
        1,
        (
            (0, 29, -1, 309, 52, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 310
    (1, ((0, 30, -1, 311, 148, 0),)),
    # state 311
    (
        1,
        (
            (0, 215, -1, 312, 136, 0),
            (0, 191, -1, 313, 120, 0),
        ),
    ),
    # state 312
    (1, ((0, 191, -1, 313, 120, 0),)),
    # state 313
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 314
    (
        1,
        (
            (0, 2, -1, 315, 3, 0),
            (0, 12, -1, 315, 23, 0),
            (0, 86, -1, 315, 31, 0),
        ),
    ),
    # state 315
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 316
    (
        1,
        (
            (1, 19, 0, 317, -1, 0),
            (1, 32, 0, 318, -1, 0),
            (4, -1, -1, 319, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 320, -1, 0),
        ),
    ),
    # state 317
    (
        1,
        (
            (1, 32, 0, 318, -1, 0),
            (4, -1, -1, 319, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 320, -1, 0),
        ),
    ),
    # state 318
    (
        1,
        (
            (4, -1, -1, 319, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 320, -1, 0),
        ),
    ),
    # state 319
    (
        1,
        (
            (4, -1, -1, 319, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 319, -1, 0),
        ),
    ),
    # state 320
    (
        1,
        (
            (4, -1, -1, 319, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 320, -1, 0),
        ),
    ),
    # state 321
    (
        1,
        (
            (0, 34, -1, 323, 125, 1),
            (4, -1, -1, 324, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 322
    (
        1,
        (
            (4, -1, -1, 325, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 323
    (
        1,
        (
            (4, -1, -1, 324, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 324
    (
        1,
        (
            (4, -1, -1, 324, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 325
    (
        1,
        (
            (4, -1, -1, 325, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 326
    (1, ((0, 198, -1, 327, 93, 0),)),
    # state 327
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 328
    (1, ((0, 135, -1, 329, 97, 0),)),
    # state 329
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 330
    (1, ((0, 5, -1, 331, 114, 0),)),
    # state 331
    (1, ((0, 177, -1, 332, 109, 0),)),
    # state 332
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 333
    (1, ((0, 222, -1, 334, 140, 0),)),
    # state 334
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 335
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 336
    (1, ((0, 215, -1, 337, 136, 0),)),
    # state 337
    (
        1,
        (
            (0, 130, -1, 338, 91, 0),
            (0, 80, -1, 339, 21, 0),
            (0, 84, -1, 339, 29, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 338
    (
        1,
        (
            (0, 80, -1, 339, 21, 0),
            (0, 84, -1, 339, 29, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 339
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 340
    (
        1,
        (
            (0, 2, -1, 341, 3, 0),
            (0, 12, -1, 341, 23, 0),
            (0, 86, -1, 341, 31, 0),
        ),
    ),
    # state 341
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 342
    (1, ((0, 180, -1, 343, 93, 0),)),
    # state 343
    (1, ((0, 179, -1, 344, 93, 0),)),
    # state 344
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 345
    (1, ((0, 138, -1, 346, 23, 0),)),
    # state 346
    (1, ((0, 174, -1, 347, 93, 0),)),
    # state 347
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 348
    (1, ((0, 182, -1, 349, 111, 0),)),
    # state 349
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 350
    (
        1,
        (
            (1, 39, 0, 351, -1, 0),
            (1, 40, 0, 352, -1, 0),
            (0, 41, -1, 353, 75, 0),
            (0, 42, -1, 354, 26, 0),
        ),
    ),
    # state 351
    (
        1,
        (
            (1, 40, 0, 352, -1, 0),
            (0, 41, -1, 353, 75, 0),
            (0, 42, -1, 354, 26, 0),
        ),
    ),
    # state 352
    (
        1,
        (
            (0, 41, -1, 353, 75, 0),
            (0, 42, -1, 354, 26, 0),
        ),
    ),
    # state 353
    (1, ((0, 42, -1, 354, 26, 0),)),
    # state 354
    (1, ((0, 82, -1, 355, 27, 0),)),
    # state 355
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 356
    (
        1,
        (
            (0, 245, -1, 357, 156, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 357
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 358
    (
        1,
        (
            (1, 40, 0, 359, -1, 0),
            (0, 41, -1, 360, 75, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 359
    (
        1,
        (
            (0, 41, -1, 360, 75, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 360
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 361
    (
        1,
        (
            (0, 44, -1, 362, 135, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 362
    (
        1,
        (
            (0, 44, -1, 363, 135, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 363
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 364
    (
        1,
        (
            (0, 45, -1, 365, 125, 1),
            (4, -1, -1, 366, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 365
    (
        1,
        (
            (0, 45, -1, 365, 125, 1),
            (4, -1, -1, 367, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 366
    (
        1,
        (
            (0, 45, -1, 365, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 367
    (
        1,
        (
            (0, 45, -1, 365, 125, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 368
    (
        1,
        (
            (0, 140, -1, 369, 101, 0),
            (0, 134, -1, 370, 96, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 369
    (
        1,
        (
            (0, 134, -1, 370, 96, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 370
    (
        1,
        (
            (0, 134, -1, 371, 96, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 371
    (
        1,
        (
            (0, 134, -1, 372, 96, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 372
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 373
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 374
    (1, ((0, 46, -1, 375, 143, 0),)),
    # state 375
    (
        1,
        (
            (0, 228, -1, 376, 146, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 376
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 377
    (
        1,
        (
            (0, 48, -1, 378, 142, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 378
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 379
    (1, ((0, 204, -1, 380, 131, 0),)),
    # state 380
    (1, ((0, 127, -1, 381, 90, 0),)),
    # state 381
    (
        1,
        (
            (0, 226, -1, 382, 144, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 382
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 383
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 384
    (1, ((0, 157, -1, 385, 104, 0),)),
    # state 385
    (
        1,
        (
            (0, 177, -1, 386, 109, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 386
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 387
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 388
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 389
    (1, ((0, 51, -1, 390, 72, 0),)),
    # state 390
    (1, ((0, 117, -1, 391, 71, 0),)),
    # state 391
    (
        1,
        (
            (0, 89, -1, 392, 34, 0),
            (0, 93, -1, 393, 40, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 392
    (
        1,
        (
            (0, 93, -1, 393, 40, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 393
    (
        1,
        (
            (0, 93, -1, 393, 40, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 394
    (
        1,
        (
            (0, 187, -1, 395, 115, 0),
            (4, -1, -1, 396, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 397, -1, 0),
        ),
    ),
    # state 395
    (
        1,
        (
            (4, -1, -1, 396, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 395, -1, 0),
        ),
    ),
    # state 396
    (
        1,
        (
            (4, -1, -1, 396, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 396, -1, 0),
        ),
    ),
    # state 397
    (
        1,
        (
            (0, 187, -1, 395, 115, 0),
            (4, -1, -1, 396, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 397, -1, 0),
        ),
    ),
    # state 398
    (1, ((0, 52, -1, 399, 70, 1),)),
    # state 399
    (
        1,
        (
            (0, 52, -1, 400, 70, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 400
    (
        1,
        (
            (0, 52, -1, 400, 70, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 401
    (1, ((1, 53, 0, 402, -1, 0),)),
    # state 402
    (
        1,
        (
            (4, -1, -1, 403, -1, 0),
            (6, -1, -1, 404, -1, 0),
        ),
    ),
    # state 403
    (
        1,
        (
            (4, -1, -1, 405, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 403, -1, 0),
        ),
    ),
    # state 404
    (
        1,
        (
            (4, -1, -1, 403, -1, 0),
            (6, -1, -1, 404, -1, 0),
        ),
    ),
    # state 405
    (
        1,
        (
            (4, -1, -1, 405, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 405, -1, 0),
        ),
    ),
    # state 406
    (1, ((2, -1, 1, 407, -1, 0),)),
    # state 407
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 408
    (1, ((0, 54, -1, 409, 9, 0),)),
    # state 409
    (1, ((0, 115, -1, 410, 68, 0),)),
    # state 410
    (1, ((0, 29, -1, 411, 52, 1),)),
    # state 411
    (
        1,
        (
            (0, 29, -1, 412, 52, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 412
    (
        1,
        (
            (0, 29, -1, 412, 52, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 413
    (
        1,
        (
            (0, 239, -1, 414, 35, 1),
            (4, -1, -1, 415, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 416, -1, 0),
        ),
    ),
    # state 414
    (
        1,
        (
            (0, 239, -1, 414, 35, 1),
            (4, -1, -1, 415, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 414, -1, 0),
        ),
    ),
    # state 415
    (
        1,
        (
            (0, 239, -1, 414, 35, 1),
            (4, -1, -1, 415, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 415, -1, 0),
        ),
    ),
    # state 416
    (
        1,
        (
            (0, 239, -1, 414, 35, 1),
            (4, -1, -1, 415, -1, 0),
            (3, -1, -1, -1, -1, 0),
            (6, -1, -1, 416, -1, 0),
        ),
    ),
    # state 417
    (
        1,
        (
            (0, 55, -1, 418, 74, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 418
    (
        1,
        (
            (0, 55, -1, 418, 74, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 419
    (1, ((0, 122, -1, 420, 85, 0),)),
    # state 420
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 421
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 422
    (1, ((0, 138, -1, 423, 23, 0),)),
    # state 423
    (1, ((0, 174, -1, 424, 93, 0),)),
    # state 424
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 425
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 426
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 427
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 428
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 429
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 430
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 431
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 432
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 433
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 434
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 435
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 436
    (
        1,
        (
            (0, 57, -1, 431, 134, 1),
            (0, 58, -1, 432, 125, 1),
            (0, 59, -1, 433, 35, 1),
            (0, 60, -1, 434, 125, 1),
            (0, 61, -1, 435, 125, 1),
            (4, -1, -1, 436, -1, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 437
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 438
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 439
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 440
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 441
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 442
    (
        1,
        (
            (0, 227, -1, 443, 145, 0),
            (0, 224, -1, 444, 142, 0),
        ),
    ),
    # state 443
    (1, ((0, 224, -1, 444, 142, 0),)),
    # state 444
    (
        1,
        (
            (0, 229, -1, 445, 147, 0),
            (0, 185, -1, 446, 86, 0),
        ),
    ),
    # state 445
    (1, ((0, 185, -1, 446, 86, 0),)),
    # state 446
    (1, ((0, 233, -1, 447, 151, 0),)),
    # state 447
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 448
    (
        1,
        (
            (0, 206, -1, 449, 132, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 449
    (
        1,
        (
            (0, 206, -1, 449, 132, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 450
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 451
    (1, ((0, 235, -1, 452, 152, 0),)),
    # state 452
    (1, ((0, 236, -1, 453, 129, 0),)),
    # state 453
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 454
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 455
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 456
    (1, ((0, 137, -1, 457, 99, 1),)),
    # state 457
    (
        1,
        (
            (0, 137, -1, 458, 99, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 458
    (
        1,
        (
            (0, 137, -1, 459, 99, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 459
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 460
    (1, ((0, 126, -1, 461, 88, 0),)),
    # state 461
    (
        1,
        (
            (0, 232, -1, 462, 150, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 462
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 463
    (1, ((2, -1, 41, 464, -1, 0),)),
    # state 464
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 465
    (1, ((0, 240, -1, 466, 94, 0),)),
    # state 466
    (
        1,
        (
            (0, 241, -1, 467, 123, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 467
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 468
    (1, ((2, -1, 42, 469, -1, 0),)),
    # state 469
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 470
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 471
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 472
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 473
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 474
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 475
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 476
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 477
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 478
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 479
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 480
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 481
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 482
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 483
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 484
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 485
    (
        1,
        (
            (0, 195, -1, 486, 124, 0),
            (0, 114, -1, 487, 67, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 486
    (
        1,
        (
            (0, 114, -1, 487, 67, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 487
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 488
    (
        1,
        (
            (0, 213, -1, 489, 134, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 489
    (
        1,
        (
            (0, 213, -1, 489, 134, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 490
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 491
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 492
    (
        1,
        (
            (0, 192, -1, 493, 121, 0),
            (0, 231, -1, 494, 149, 0),
            (0, 193, -1, 495, 122, 0),
            (0, 234, -1, 496, 109, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 493
    (
        1,
        (
            (0, 231, -1, 494, 149, 0),
            (0, 193, -1, 495, 122, 0),
            (0, 234, -1, 496, 109, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 494
    (
        1,
        (
            (0, 193, -1, 495, 122, 0),
            (0, 234, -1, 496, 109, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 495
    (
        1,
        (
            (0, 234, -1, 496, 109, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 496
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 497
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 498
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 499
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 500
    (
        1,
        (
            (0, 184, -1, 501, 113, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 501
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 502
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 503
    (
        1,
        (
            (0, 94, -1, 504, 42, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 504
    (
        1,
        (
            (0, 94, -1, 504, 42, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 505
    (
        1,
        (
            (0, 242, -1, 506, 86, 0),
            (0, 243, -1, 507, 154, 0),
            (0, 248, -1, 508, 129, 0),
            (0, 246, -1, 509, 157, 0),
            (0, 247, -1, 510, 93, 0),
            (0, 250, -1, 511, 35, 0),
        ),
    ),
    # state 506
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 507
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 508
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 509
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 510
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 511
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 512
    (1, ((0, 200, -1, 513, 127, 1),)),
    # state 513
    (
        1,
        (
            (0, 200, -1, 514, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 514
    (
        1,
        (
            (0, 200, -1, 514, 127, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 515
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 516
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 517
    (
        1,
        (
            (0, 203, -1, 518, 130, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 518
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 519
    (1, ((0, 132, -1, 520, 93, 0),)),
    # state 520
    (
        1,
        (
            (0, 131, -1, 521, 92, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 521
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 522
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 523
    (1, ((0, 238, -1, 524, 153, 0),)),
    # state 524
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 525
    (1, ((0, 199, -1, 526, 126, 0),)),
    # state 526
    (
        1,
        (
            (0, 217, -1, 527, 137, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 527
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 528
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 529
    (1, ((0, 219, -1, 530, 136, 0),)),
    # state 530
    (
        1,
        (
            (0, 218, -1, 531, 138, 0),
            (0, 196, -1, 532, 101, 0),
            (0, 105, -1, 533, 58, 1),
        ),
    ),
    # state 531
    (
        1,
        (
            (0, 196, -1, 532, 101, 0),
            (0, 105, -1, 533, 58, 1),
        ),
    ),
    # state 532
    (1, ((0, 105, -1, 533, 58, 1),)),
    # state 533
    (
        1,
        (
            (0, 105, -1, 534, 58, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 534
    (
        1,
        (
            (0, 105, -1, 534, 58, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 535
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 536
    (
        1,
        (
            (0, 202, -1, 537, 129, 0),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 537
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 538
    (
        1,
        (
            (0, 221, -1, 539, 139, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 539
    (
        1,
        (
            (0, 221, -1, 539, 139, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 540
    (
        1,
        (
            (0, 227, -1, 541, 145, 0),
            (0, 224, -1, 542, 142, 0),
        ),
    ),
    # state 541
    (1, ((0, 224, -1, 542, 142, 0),)),
    # state 542
    (
        1,
        (
            (0, 229, -1, 543, 147, 0),
            (0, 185, -1, 544, 86, 0),
        ),
    ),
    # state 543
    (1, ((0, 185, -1, 544, 86, 0),)),
    # state 544
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 545
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 546
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 547
    (
        1,
        (
            (0, 223, -1, 548, 141, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 548
    (
        1,
        (
            (0, 223, -1, 549, 141, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 549
    (
        1,
        (
            (0, 223, -1, 550, 141, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 550
    (
        1,
        (
            (0, 223, -1, 551, 141, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 551
    (
        1,
        (
            (0, 223, -1, 552, 141, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 552
    (
        1,
        (
            (0, 223, -1, 553, 141, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 553
    (
        1,
        (
            (0, 223, -1, 554, 141, 1),
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
            (0, 201, -1, 557, 128, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 557
    (
        1,
        (
            (0, 201, -1, 557, 128, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 558
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 559
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 560
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 561
    (
        1,
        (
            (0, 126, -1, 562, 88, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 562
    (
        1,
        (
            (0, 126, -1, 563, 88, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 563
    (
        1,
        (
            (0, 126, -1, 564, 88, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 564
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 565
    (
        1,
        (
            (0, 181, -1, 566, 110, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 566
    (
        1,
        (
            (0, 181, -1, 567, 110, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 567
    (
        1,
        (
            (0, 181, -1, 568, 110, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 568
    (
        1,
        (
            (0, 181, -1, 569, 110, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 569
    (
        1,
        (
            (0, 181, -1, 570, 110, 1),
            (3, -1, -1, -1, -1, 0),
        ),
    ),
    # state 570
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 571
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 572
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 573
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 574
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 575
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 576
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 577
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 578
    (1, ((2, -1, 40, 579, -1, 0),)),
    # state 579
    (1, ((3, -1, -1, -1, -1, 0),)),
    # state 580
    (1, ((3, -1, -1, -1, -1, 0),)),
)

DOCUMENT = 80

FRAGMENT = 82
