r"""Isothermal equations of state: volume ratio :math:`V/V_0` at pressure ``p``.

The paper ("Resistivity Dynamics", "Electrical Resistance State") says that
the border radius :math:`R_b` shrinks with pressure but gives no function.
Here the molecular distance scales with the volume per molecule,
:math:`R_b \propto (V/V_0)^{1/3}`, and :math:`V/V_0` comes from one of two
standard equations of state with bulk modulus :math:`B_0` and its pressure
derivative :math:`B_0'`:

Vinet (Vinet et al., J. Geophys. Res. 92, 9319, 1987), with
:math:`\eta = (V/V_0)^{1/3}`:

.. math::

    p = 3B_0 \frac{1-\eta}{\eta^2}\exp\left[\tfrac32 (B_0'-1)(1-\eta)\right]

third-order Birch–Murnaghan (Birch, Phys. Rev. 71, 809, 1947), with
:math:`x = V/V_0`:

.. math::

    p = \tfrac32 B_0 \left(x^{-7/3} - x^{-5/3}\right)
        \left[1 + \tfrac34 (B_0'-4)(x^{-2/3}-1)\right]

:func:`load_acwf_b0_prime` reads computed :math:`B_0'` values from the ACWF
verification data set (Bosoni et al., Nat. Rev. Phys. 6, 45, 2024; all-electron
DFT-PBE), which must be passed by path and is never copied into the package.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from etunnel.checks import InputError, require_positive, require_range

EOS_MODELS = ("vinet", "birch_murnaghan")

#: Smallest volume ratio searched; beyond it the EOS is far outside its validity.
_X_MIN = 0.05

ACWF_LABEL = "computed (ACWF, DFT-PBE)"


def vinet_pressure(x, B0, B0_prime):
    r"""Vinet pressure at volume ratio ``x = V/V0``. [Pa]

    Parameters
    ----------
    x : array_like
        Volume ratio :math:`V/V_0`, ``> 0``. [1]
    B0 : float
        Bulk modulus at zero pressure. [Pa]
    B0_prime : float
        Pressure derivative of the bulk modulus. [1]
    """
    x = np.asarray(x, float)
    eta = np.cbrt(x)
    return 3.0 * B0 * (1.0 - eta) / eta**2 * np.exp(1.5 * (B0_prime - 1.0) * (1.0 - eta))


def birch_murnaghan_pressure(x, B0, B0_prime):
    r"""Third-order Birch–Murnaghan pressure at volume ratio ``x = V/V0``. [Pa]

    Parameters
    ----------
    x : array_like
        Volume ratio :math:`V/V_0`, ``> 0``. [1]
    B0 : float
        Bulk modulus at zero pressure. [Pa]
    B0_prime : float
        Pressure derivative of the bulk modulus. [1]
    """
    x = np.asarray(x, float)
    return 1.5 * B0 * (x ** (-7.0 / 3.0) - x ** (-5.0 / 3.0)) * (1.0 + 0.75 * (B0_prime - 4.0) * (x ** (-2.0 / 3.0) - 1.0))


_PRESSURE = {"vinet": vinet_pressure, "birch_murnaghan": birch_murnaghan_pressure}


def check_eos(eos: str) -> str:
    """Return ``eos`` if it is a known equation of state, else raise InputError."""
    if eos not in _PRESSURE:
        raise InputError(f"unknown equation of state {eos!r}; choose one of {', '.join(EOS_MODELS)}")
    return eos


def eos_pressure(x, B0, B0_prime, *, eos: str = "vinet"):
    """Pressure [Pa] at volume ratio ``x`` from the named equation of state."""
    return _PRESSURE[check_eos(eos)](x, B0, B0_prime)


def volume_ratio(p, B0, B0_prime, *, eos: str = "vinet"):
    r"""Volume ratio :math:`V/V_0` at pressure ``p`` (inverse of the EOS), by root finding.

    Parameters
    ----------
    p : array_like
        Pressure, ``>= 0``. [Pa]
    B0 : float
        Bulk modulus, ``> 0``. [Pa]
    B0_prime : float
        Its pressure derivative, ``> 0``. [1]
    eos : {"vinet", "birch_murnaghan"}
        Equation of state.

    Returns
    -------
    numpy.ndarray
        :math:`V/V_0 \in (0, 1]`, 1 at ``p = 0``. [1]

    Raises
    ------
    InputError
        For negative or non-finite pressure, or a pressure the EOS cannot
        reach (the Birch–Murnaghan form with small :math:`B_0'` has a
        pressure maximum).
    """
    p = require_range("pressure", p, low=0.0, unit="Pa")
    B0 = float(require_positive("B0", B0, unit="Pa"))
    B0_prime = float(require_positive("B0_prime", B0_prime))
    function = _PRESSURE[check_eos(eos)]
    from scipy.optimize import brentq  # here: importing the EOS module does not load SciPy

    out = np.ones(p.shape)
    flat = p.ravel()
    result = out.ravel()
    cache: dict[float, float] = {}
    p_max = float(function(_X_MIN, B0, B0_prime))
    for i, value in enumerate(flat):
        if value == 0.0:
            continue
        if value not in cache:
            if not value < p_max:
                raise InputError(
                    f"pressure {value:.6g} Pa is beyond the {eos} equation of state's range "
                    f"(V/V0 would fall below {_X_MIN}) for B0 = {B0:.6g} Pa, B0' = {B0_prime:.6g}"
                )
            cache[value] = brentq(lambda x: function(x, B0, B0_prime) - value, _X_MIN, 1.0, xtol=1e-15, rtol=1e-15)
        result[i] = cache[value]
    return result.reshape(p.shape)


def load_acwf_b0_prime(path, symbol: str, *, structure: str | None = None, B0_measured: float | None = None) -> tuple[float, str]:
    """B0' of one element from the ACWF data set file (passed by path, never packaged).

    Parameters
    ----------
    path : str or Path
        The CSV ``acwf_unaries_PBE_AE_eos.csv`` (columns element, structure,
        V0_A3_per_atom, B0_GPa, B1_dB_dP).
    symbol : str
        Element symbol.
    structure : {"BCC", "FCC", "SC", "Diamond"}, optional
        Which computed structure to take. Default: the one whose computed
        B0 is closest to ``B0_measured`` (the element's tabulated bulk
        modulus), a stated rule since the data set has only cubic
        structures, most of them hypothetical for a given element.
    B0_measured : float, optional
        Tabulated bulk modulus [Pa] used by the default rule.

    Returns
    -------
    (float, str)
        B0' and a provenance note saying "computed (ACWF, DFT-PBE)".
    """
    import pandas as pd

    path = Path(path)
    try:
        table = pd.read_csv(path, comment="#")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the EOS data file {str(path)!r}: {exc}") from None
    needed = {"element", "structure", "B0_GPa", "B1_dB_dP"}
    if not needed <= set(table.columns):
        raise InputError(f"EOS data file {str(path)!r} lacks columns {sorted(needed - set(table.columns))}")
    rows = table[table["element"] == symbol]
    rows = rows[np.isfinite(pd.to_numeric(rows["B1_dB_dP"], errors="coerce"))]
    if rows.empty:
        raise InputError(f"EOS data file {str(path)!r} has no B0' for {symbol}; pass --params B0_prime=...")
    if structure is not None:
        chosen = rows[rows["structure"].str.upper() == structure.upper()]
        if chosen.empty:
            raise InputError(f"EOS data file has no {structure} entry for {symbol}; available: {', '.join(rows['structure'])}")
        row = chosen.iloc[0]
        rule = f"structure {row['structure']} (requested)"
    elif B0_measured is not None:
        index = (pd.to_numeric(rows["B0_GPa"]) * 1e9 - B0_measured).abs().idxmin()
        row = rows.loc[index]
        rule = f"structure {row['structure']}, the one whose computed B0 ({float(row['B0_GPa']):.4g} GPa) is closest to the tabulated B0"
    else:
        row = rows.iloc[0]
        rule = f"structure {row['structure']}"
    value = float(row["B1_dB_dP"])
    if not value > 0:
        raise InputError(f"EOS data file gives a non-positive B0' ({value}) for {symbol}")
    return value, f"{ACWF_LABEL}: Bosoni et al. 2024, file {path.name}, {rule}"
