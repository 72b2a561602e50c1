"""The embedded certificate authority for the ISO 15118 Plug & Charge PKI."""
