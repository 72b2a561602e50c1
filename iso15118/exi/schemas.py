"""The schema sets we ship grammars for, and their codecs (built once, on first use)."""

from __future__ import annotations

import functools
import importlib

from iso15118.exi.codec import Codec, Grammar

ISO2_NAMESPACE = "urn:iso:15118:2:2013:MsgDef"
ISO20_NAMESPACE = "urn:iso:std:iso:15118:-20:CommonMessages"
XMLDSIG_NAMESPACE = "http://www.w3.org/2000/09/xmldsig#"

# Public schema names (the CLI's --schema) -> generated table module.
SCHEMA_MODULES = {"iso-2": "iso2", "iso-20": "iso20_common", "xmldsig": "xmldsig"}


@functools.cache
def grammar(schema: str) -> Grammar:
    if schema not in SCHEMA_MODULES:
        raise ValueError(f"unknown schema {schema!r}; one of {sorted(SCHEMA_MODULES)}")
    module = importlib.import_module(f"iso15118.exi.generated.{SCHEMA_MODULES[schema]}")
    return Grammar(module)


@functools.cache
def codec(schema: str, json_text: bool = False) -> Codec:
    return Codec(grammar(schema), json_text=json_text)
