"""The organization's details for payment instructions and invoices, and the VAT arithmetic.

Fees are prices with VAT included: the member pays the fee, and the invoice splits it into the
net amount and the VAT at `WSCO_VAT_RATE` (a percentage). Money is `Decimal` throughout.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Seller:
    """Who issues the invoices and receives the fees (from the settings)."""

    legal_name: str
    address: str
    vat_id: str
    bank_name: str
    iban: str
    bic: str

    @property
    def has_bank_account(self) -> bool:
        return bool(self.iban)


def seller() -> Seller:
    """Return the organization's details as the settings give them now."""
    return Seller(
        legal_name=settings.WSCO_LEGAL_NAME,
        address=settings.WSCO_ADDRESS,
        vat_id=settings.WSCO_VAT_ID,
        bank_name=settings.WSCO_BANK_NAME,
        iban=settings.WSCO_IBAN,
        bic=settings.WSCO_BIC,
    )


def vat_rate() -> Decimal:
    """Return the VAT rate in percent, refusing one outside 0 to 100."""
    rate = Decimal(settings.WSCO_VAT_RATE)
    if not Decimal(0) <= rate < HUNDRED:
        raise ValueError(f"WSCO_VAT_RATE={rate} is not a percentage from 0 to under 100.")
    return rate


def round_cents(amount: Decimal) -> Decimal:
    """Round `amount` to cents, halves away from zero (as invoices and tax offices do)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class VatSplit:
    net: Decimal
    vat: Decimal
    total: Decimal


def split_vat(total: Decimal, rate: Decimal) -> VatSplit:
    """Split a price `total` that includes VAT at `rate` percent into net and VAT.

    The net is rounded to cents and the VAT is what remains, so that net + VAT is always the
    total paid: 120.00 at 21 % is 99.17 net (120 / 1.21 = 99.1735…) and 20.83 VAT.
    """
    total = round_cents(Decimal(total))
    net = round_cents(total * HUNDRED / (HUNDRED + Decimal(rate)))
    return VatSplit(net=net, vat=total - net, total=total)
