"""The eMAID registry: new eMAIDs under the operator's country and provider ID, and imported
ones validated (normalised, check character, DIN SPEC 91286 converted), all by the rules of
iso15118.emaid."""

from __future__ import annotations

import secrets

from iso15118.emaid import (
    ALPHABET,
    Emaid,
    EmaidError,
    check_character,
    import_emaid,
    is_din_form,
)

from .errors import ContractError


class EmaidRegistry:
    def __init__(self, country: str, provider_id: str) -> None:
        self.country = country.upper()
        self.provider_id = provider_id.upper()

    def new(self) -> Emaid:
        """A random instance: `C` (the eMI3 contract prefix) + 8 characters, ~41 bits; the
        contract service draws again in the rare case it is taken."""
        instance = "C" + "".join(secrets.choice(ALPHABET) for _ in range(8))
        base = self.country + self.provider_id + instance
        return Emaid(self.country, self.provider_id, instance, check_character(base))

    @staticmethod
    def imported(text: str) -> tuple[Emaid, str]:
        """(eMAID, origin) for an operator-supplied ID; origin is `imported` or `din-converted`."""
        try:
            emaid = import_emaid(text)
        except EmaidError as exc:
            raise ContractError(f"emaid_{exc.reason}", str(exc)) from None
        return emaid, "din-converted" if is_din_form(text) else "imported"
