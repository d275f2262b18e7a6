"""Eliashberg spectral functions alpha^2 F(omega), their moments, and T_c formulas built on them.

A spectral function is the electron-phonon coupling weighted phonon density of
states. Everything the isotropic theory needs from it is

* the coupling constant and its accumulation,

  .. math:: \\lambda = 2\\int_0^\\infty \\frac{\\alpha^2F(\\omega)}{\\omega}\\,d\\omega,
            \\qquad \\lambda(\\omega) = 2\\int_0^\\omega \\frac{\\alpha^2F(\\Omega)}{\\Omega}\\,d\\Omega

* the logarithmic and second-moment frequencies (Allen and Dynes [1]_)

  .. math:: \\omega_{\\log} = \\exp\\Big[\\frac{2}{\\lambda}\\int_0^\\infty
            \\ln\\omega\\,\\frac{\\alpha^2F(\\omega)}{\\omega}d\\omega\\Big],\\qquad
            \\bar\\omega_2 = \\Big[\\frac{2}{\\lambda}\\int_0^\\infty\\omega\\,\\alpha^2F(\\omega)\\,d\\omega\\Big]^{1/2}

* the Matsubara interaction (Allen and Mitrović [2]_)

  .. math:: \\lambda(\\nu) = 2\\int_0^\\infty \\frac{\\Omega\\,\\alpha^2F(\\Omega)}{\\Omega^2+\\nu^2}\\,d\\Omega .

Three shapes are exact: a sum of Einstein modes (delta functions), the Debye
shape alpha^2F = lambda (omega/omega_D)^2 below omega_D, and a tabulated
function, taken piecewise linear between its points (and linear from
(0, 0) to the first point when the table does not start at zero energy); for
the piecewise-linear function every integral above is done in closed form,
bin by bin, so no quadrature error enters. A truncated Lorentzian is offered
as a tabulated function on a fine grid.

Energies are SI joules internally; the ``*_K`` properties give them as
temperatures E/k_B [K].

References
----------
.. [1] P. B. Allen and R. C. Dynes, Phys. Rev. B 12, 905 (1975).
.. [2] P. B. Allen and B. Mitrović, "Theory of superconducting T_c",
   Solid State Physics 37, 1 (1982).
.. [3] J. P. Carbotte, Rev. Mod. Phys. 62, 1027 (1990).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from etunnel.checks import InputError, as_finite_array, require_range
from scipy.constants import c as SPEED_OF_LIGHT

from etunnel.constants import BOLTZMANN_CONSTANT, ELECTRONVOLT, PLANCK_CONSTANT
from etunnel.standard.strong_coupling import allen_dynes_tc

#: Largest number of points a tabulated spectrum may have.
MAX_SPECTRUM_POINTS: int = 20_000
#: Largest number of Einstein modes.
MAX_MODES: int = 1_000
#: Phonon energies must lie in this window [J]; outside it the unit is almost surely wrong.
MIN_PHONON_ENERGY: float = 1e-6 * ELECTRONVOLT  # 1 µeV
MAX_PHONON_ENERGY: float = 1.0 * ELECTRONVOLT  # 1 eV (hydrogen stretching modes reach ~0.3 eV)

_MEV = 1e-3 * ELECTRONVOLT
#: Energy units accepted in files and on the command line, to joules.
ENERGY_UNITS: dict[str, float] = {
    "meV": _MEV,
    "eV": ELECTRONVOLT,
    "K": BOLTZMANN_CONSTANT,
    "THz": PLANCK_CONSTANT * 1e12,
    "cm-1": PLANCK_CONSTANT * SPEED_OF_LIGHT * 100.0,
    "cm^-1": PLANCK_CONSTANT * SPEED_OF_LIGHT * 100.0,
    "Ry": 13.605693122990 * ELECTRONVOLT,
    "J": 1.0,
}


def _check_energies(name: str, omega: np.ndarray) -> None:
    low, high = omega.min(), omega.max()
    if low < MIN_PHONON_ENERGY or high > MAX_PHONON_ENERGY:
        raise InputError(
            f"{name} must lie in [{MIN_PHONON_ENERGY / _MEV:g}, {MAX_PHONON_ENERGY / _MEV:g}] meV (phonon energies); "
            f"got {low / _MEV:.6g} to {high / _MEV:.6g} meV - check the energy unit"
        )


@dataclass(frozen=True)
class SpectralFunction:
    """Base class: moments and Matsubara kernel of an alpha^2F(omega). Subclasses give the integrals."""

    def _check(self):  # pragma: no cover - overridden
        pass

    # --- moments --------------------------------------------------------------------------------
    @property
    def lambda_ep(self) -> float:
        """Coupling constant lambda = 2 int alpha^2F(w)/w dw [1] (Allen and Dynes [1]_)."""
        raise NotImplementedError

    @property
    def omega_log(self) -> float:
        """Logarithmic frequency omega_log [J] (Allen and Dynes [1]_)."""
        raise NotImplementedError

    @property
    def omega_2(self) -> float:
        """Second-moment frequency sqrt(<omega^2>) [J], <w^2> = (2/lambda) int w alpha^2F dw."""
        raise NotImplementedError

    @property
    def omega_1(self) -> float:
        """First moment <omega> = (2/lambda) int alpha^2F dw [J] (McMillan-Dynes prefactor frequency)."""
        raise NotImplementedError

    @property
    def omega_max(self) -> float:
        """Highest phonon energy with weight [J]."""
        raise NotImplementedError

    def matsubara_lambda(self, nu) -> np.ndarray:
        """lambda(nu) = 2 int W a2F(W)/(W^2 + nu^2) dW for bosonic energies nu >= 0 [J] -> [1]."""
        raise NotImplementedError

    def accumulated_lambda(self, omega) -> np.ndarray:
        """lambda(omega) = 2 int_0^omega a2F(W)/W dW [1] at energies omega [J]."""
        raise NotImplementedError

    def sample(self, omega) -> np.ndarray:
        """alpha^2F at energies omega [J] (for plotting; delta modes are drawn as narrow boxes)."""
        raise NotImplementedError

    @property
    def description(self) -> str:
        raise NotImplementedError

    # --- derived ------------------------------------------------------------------------------
    @property
    def omega_log_K(self) -> float:
        """omega_log as a temperature [K]."""
        return self.omega_log / BOLTZMANN_CONSTANT

    @property
    def omega_2_K(self) -> float:
        """omega_2 as a temperature [K]."""
        return self.omega_2 / BOLTZMANN_CONSTANT

    def moments(self) -> dict:
        """lambda [1]; omega_log, omega_2, omega_1, omega_max [meV and K]."""
        out = {"lambda": self.lambda_ep}
        for key in ("omega_log", "omega_2", "omega_1", "omega_max"):
            value = getattr(self, key)
            out[f"{key}_meV"] = value / _MEV
            out[f"{key}_K"] = value / BOLTZMANN_CONSTANT
        return out

    def allen_dynes_factors(self, mu_star: float) -> tuple[float, float]:
        """The strong-coupling and shape corrections (f1, f2) of Allen and Dynes [1]_, eqs. 36-38.

        .. math:: f_1 = [1 + (\\lambda/\\Lambda_1)^{3/2}]^{1/3},\\quad \\Lambda_1 = 2.46(1+3.8\\mu^*)

        .. math:: f_2 = 1 + \\frac{(\\bar\\omega_2/\\omega_{\\log}-1)\\lambda^2}{\\lambda^2+\\Lambda_2^2},\\quad
                  \\Lambda_2 = 1.82(1+6.3\\mu^*)\\,\\bar\\omega_2/\\omega_{\\log}
        """
        mu = float(require_range("mu_star", mu_star, low=0.0, high=0.5))
        lam, ratio = self.lambda_ep, self.omega_2 / self.omega_log
        f1 = (1.0 + (lam / (2.46 * (1.0 + 3.8 * mu))) ** 1.5) ** (1.0 / 3.0)
        big2 = 1.82 * (1.0 + 6.3 * mu) * ratio
        f2 = 1.0 + (ratio - 1.0) * lam**2 / (lam**2 + big2**2)
        return f1, f2

    def tc_allen_dynes(self, mu_star, *, corrections: bool = True):
        """Allen-Dynes T_c [K] from this spectrum ([1]_ eq. 34), with f1 f2 (default) or without.

        Without the corrections this is McMillan's formula with Allen and Dynes's
        prefactor omega_log/1.2. Returns 0 K where lambda <= mu*(1 + 0.62 lambda).
        """
        if corrections:
            return allen_dynes_tc(self.omega_log_K, self.lambda_ep, mu_star, omega_2=self.omega_2_K)
        return allen_dynes_tc(self.omega_log_K, self.lambda_ep, mu_star) / _f1_only(self.lambda_ep, mu_star)


def _f1_only(lam, mu_star):
    mu = np.asarray(mu_star, dtype=float)
    return np.cbrt(1.0 + (lam / (2.46 * (1.0 + 3.8 * mu))) ** 1.5)


@dataclass(frozen=True)
class EinsteinModes(SpectralFunction):
    """alpha^2F(w) = sum_i (lambda_i w_i / 2) delta(w - w_i): Einstein modes of energy w_i [J] and coupling lambda_i [1].

    Closed forms: lambda = sum lambda_i, ln omega_log = sum lambda_i ln w_i / lambda,
    <w^2> = sum lambda_i w_i^2 / lambda, lambda(nu) = sum lambda_i w_i^2/(w_i^2 + nu^2).
    """

    energies: np.ndarray
    couplings: np.ndarray

    def __post_init__(self):
        w = as_finite_array("mode energies", self.energies).ravel()
        lam = as_finite_array("mode couplings", self.couplings).ravel()
        if w.size == 0 or w.size != lam.size:
            raise InputError(f"need as many mode couplings as energies (at least one), got {w.size} and {lam.size}")
        if w.size > MAX_MODES:
            raise InputError(f"number of Einstein modes must be <= {MAX_MODES}, got {w.size}")
        _check_energies("mode energies", w)
        if (lam <= 0).any():
            raise InputError(f"mode couplings lambda_i must be > 0, got {lam[lam <= 0][:3].tolist()}")
        if np.unique(w).size != w.size:
            raise InputError("mode energies must be distinct (merge modes of equal energy by adding their couplings)")
        order = np.argsort(w)
        object.__setattr__(self, "energies", w[order])
        object.__setattr__(self, "couplings", lam[order])

    @property
    def lambda_ep(self):
        return float(self.couplings.sum())

    @property
    def omega_log(self):
        return float(np.exp(np.dot(self.couplings, np.log(self.energies)) / self.lambda_ep))

    @property
    def omega_2(self):
        return float(np.sqrt(np.dot(self.couplings, self.energies**2) / self.lambda_ep))

    @property
    def omega_1(self):
        return float(np.dot(self.couplings, self.energies) / self.lambda_ep)

    @property
    def omega_max(self):
        return float(self.energies[-1])

    def matsubara_lambda(self, nu):
        nu = np.asarray(nu, dtype=float)
        w2 = self.energies**2
        return (self.couplings * w2 / (w2 + nu[..., None] ** 2)).sum(axis=-1)

    def accumulated_lambda(self, omega):
        omega = np.asarray(omega, dtype=float)
        return (self.couplings * (self.energies <= omega[..., None])).sum(axis=-1)

    def sample(self, omega):
        omega = np.asarray(omega, dtype=float)
        width = max(self.omega_max * 0.01, 1e-30)
        boxes = (np.abs(omega[..., None] - self.energies) <= width / 2) * (self.couplings * self.energies / 2 / width)
        return boxes.sum(axis=-1)

    @property
    def description(self):
        modes = ", ".join(f"{w / _MEV:.4g} meV:{lam:.4g}" for w, lam in zip(self.energies, self.couplings))
        return f"Einstein modes ({modes})"


@dataclass(frozen=True)
class DebyeSpectrum(SpectralFunction):
    """alpha^2F(w) = lambda (w/w_D)^2 for w < w_D, zero above: the Debye shape (Carbotte [3]_).

    Closed forms: omega_log = w_D e^{-1/2}, omega_2 = w_D/sqrt 2, <w> = 2 w_D/3,
    lambda(nu) = lambda [1 - (nu/w_D)^2 ln(1 + (w_D/nu)^2)].
    """

    omega_D: float
    coupling: float

    def __post_init__(self):
        w = float(as_finite_array("omega_D", self.omega_D))
        _check_energies("omega_D", np.array([w]))
        lam = float(require_range("lambda", self.coupling, low=0.0, low_inclusive=False))
        object.__setattr__(self, "omega_D", w)
        object.__setattr__(self, "coupling", lam)

    @property
    def lambda_ep(self):
        return self.coupling

    @property
    def omega_log(self):
        return self.omega_D * math.exp(-0.5)

    @property
    def omega_2(self):
        return self.omega_D / math.sqrt(2.0)

    @property
    def omega_1(self):
        return 2.0 * self.omega_D / 3.0

    @property
    def omega_max(self):
        return self.omega_D

    def matsubara_lambda(self, nu):
        nu = np.asarray(nu, dtype=float)
        with np.errstate(divide="ignore"):
            x = np.where(nu > 0, (self.omega_D / np.where(nu > 0, nu, 1.0)) ** 2, np.inf)
        # 1 - log1p(x)/x, written so that it is accurate for x -> 0 (series) and x -> inf.
        small = x < 1e-3
        xs = np.where(small, x, 1.0)
        series = xs / 2 - xs**2 / 3 + xs**3 / 4
        with np.errstate(invalid="ignore", divide="ignore"):
            direct = np.where(np.isinf(x), 1.0, 1.0 - np.log1p(x) / x)
        return self.coupling * np.where(small, series, direct)

    def accumulated_lambda(self, omega):
        omega = np.minimum(np.asarray(omega, dtype=float), self.omega_D)
        return self.coupling * np.clip(omega / self.omega_D, 0, None) ** 2

    def sample(self, omega):
        omega = np.asarray(omega, dtype=float)
        return np.where((omega >= 0) & (omega <= self.omega_D), self.coupling * (omega / self.omega_D) ** 2, 0.0)

    @property
    def description(self):
        return f"Debye spectrum (omega_D = {self.omega_D / _MEV:.4g} meV, lambda = {self.coupling:.4g})"


@dataclass(frozen=True)
class TabulatedSpectrum(SpectralFunction):
    """A tabulated alpha^2F, piecewise linear between points (energies [J], values [1]).

    If the first energy is above zero, the function is taken linear from (0, 0)
    to the first point (stated in :attr:`description`). All moments and the
    Matsubara kernel are integrated exactly for this piecewise-linear function.
    """

    energies: np.ndarray
    values: np.ndarray
    source: str = "table"
    _a: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        w = as_finite_array("spectrum energies", self.energies).ravel()
        f = as_finite_array("alpha2F values", self.values).ravel()
        if w.size != f.size:
            raise InputError(f"spectrum needs as many alpha2F values as energies, got {f.size} and {w.size}")
        if w.size < 2:
            raise InputError(f"spectrum needs at least 2 points, got {w.size}")
        if w.size > MAX_SPECTRUM_POINTS:
            raise InputError(f"spectrum points must be <= {MAX_SPECTRUM_POINTS}, got {w.size}")
        if (w < 0).any():
            raise InputError(f"spectrum energies must be >= 0, got {w[w < 0][:3].tolist()} J")
        dw = np.diff(w)
        if (dw == 0).any():
            i = int(np.flatnonzero(dw == 0)[0])
            raise InputError(f"spectrum energies must not repeat; energy {w[i] / _MEV:.6g} meV appears twice (row {i + 1})")
        if (dw < 0).any():
            i = int(np.flatnonzero(dw < 0)[0])
            raise InputError(f"spectrum energies must be sorted increasing; row {i + 2} ({w[i + 1] / _MEV:.6g} meV) "
                             f"follows {w[i] / _MEV:.6g} meV")
        if (f < 0).any():
            i = int(np.flatnonzero(f < 0)[0])
            raise InputError(f"alpha2F must be >= 0 everywhere; got {f[i]:.6g} at {w[i] / _MEV:.6g} meV (row {i + 1})")
        if not (f > 0).any():
            raise InputError("alpha2F has zero total weight; lambda would be 0")
        if w[0] == 0.0 and f[0] != 0.0:
            raise InputError(f"alpha2F(0) must be 0 (else lambda diverges), got {f[0]:.6g}")
        _check_energies("spectrum energies", w[f > 0] if w[0] > 0 else w[1:][f[1:] > 0])
        if w[0] > 0:
            w = np.concatenate([[0.0], w])
            f = np.concatenate([[0.0], f])
        object.__setattr__(self, "energies", w)
        object.__setattr__(self, "values", f)
        # alpha2F = a + b w on bin [w_k, w_k+1]
        b = np.diff(f) / np.diff(w)
        a = f[:-1] - b * w[:-1]
        object.__setattr__(self, "_a", np.stack([a, b]))

    # exact bin integrals of (a + b w) times a weight
    def _bins(self):
        w0, w1 = self.energies[:-1], self.energies[1:]
        return w0, w1, self._a[0], self._a[1]

    @property
    def lambda_ep(self):
        w0, w1, a, b = self._bins()
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.where(w0 > 0, np.log(w1 / np.where(w0 > 0, w0, 1.0)), 0.0)  # a = 0 on the first bin from 0
        return float(2.0 * np.sum(np.where(a != 0, a * logs, 0.0) + b * (w1 - w0)))

    @property
    def omega_log(self):
        w0, w1, a, b = self._bins()
        scale = self.energies[-1]  # logarithms relative to the top energy: no cancellation of large ln(J)
        u0, u1 = w0 / scale, w1 / scale
        pos = w0 > 0
        l0 = np.log(np.where(pos, u0, 1.0))
        l1 = np.log(u1)
        dl = np.log(w1 / np.where(pos, w0, 1.0))
        t_a = np.where(pos & (a != 0), a * dl * (l1 + l0) / 2, 0.0)
        g0 = np.where(pos, u0 * l0 - u0, 0.0)
        t_b = b * scale * ((u1 * l1 - u1) - g0)
        return float(scale * np.exp(2.0 * np.sum(t_a + t_b) / self.lambda_ep))

    @property
    def omega_2(self):
        w0, w1, a, b = self._bins()
        integral = np.sum(a * (w1**2 - w0**2) / 2 + b * (w1**3 - w0**3) / 3)
        return float(np.sqrt(2.0 * integral / self.lambda_ep))

    @property
    def omega_1(self):
        w0, w1, a, b = self._bins()
        integral = np.sum(a * (w1 - w0) + b * (w1**2 - w0**2) / 2)
        return float(2.0 * integral / self.lambda_ep)

    @property
    def omega_max(self):
        nz = np.flatnonzero(self.values > 0)
        last = nz[-1]
        return float(self.energies[min(last + 1, self.energies.size - 1)])

    def matsubara_lambda(self, nu):
        """Exact for the piecewise-linear function:
        int (a + bW) 2W/(W^2+nu^2) dW = a ln((w1^2+nu^2)/(w0^2+nu^2)) + 2b[(w1-w0) - nu (atan(w1/nu) - atan(w0/nu))].
        """
        nu = np.asarray(nu, dtype=float)[..., None]
        w0, w1, a, b = self._bins()
        nu2 = nu**2
        with np.errstate(divide="ignore", invalid="ignore"):
            t_a = np.where(a != 0, a * np.log((w1**2 + nu2) / np.where(a != 0, w0**2 + nu2, 1.0)), 0.0)
            dat = np.arctan2(nu * (w1 - w0), nu2 + w0 * w1)  # atan(w1/nu) - atan(w0/nu), stably
            t_b = 2 * b * np.where(nu > 0, (w1 - w0) - nu * dat, w1 - w0)
        return np.sum(t_a + t_b, axis=-1)

    def accumulated_lambda(self, omega):
        omega = np.asarray(omega, dtype=float)
        w0, w1, a, b = self._bins()
        top = np.clip(omega[..., None], w0, w1)
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.where(w0 > 0, np.log(top / np.where(w0 > 0, w0, 1.0)), 0.0)
        return 2.0 * np.sum(np.where(a != 0, a * logs, 0.0) + b * (top - w0), axis=-1)

    def sample(self, omega):
        return np.interp(np.asarray(omega, dtype=float), self.energies, self.values, right=0.0)

    @property
    def description(self):
        return (f"tabulated alpha2F from {self.source} ({self.energies.size} points to "
                f"{self.energies[-1] / _MEV:.4g} meV, piecewise linear, linear from (0, 0) to the first point)")


def einstein_spectrum(energies, couplings) -> EinsteinModes:
    """Sum of Einstein modes, energies [J] and couplings lambda_i [1]."""
    return EinsteinModes(np.atleast_1d(np.asarray(energies, dtype=float)), np.atleast_1d(np.asarray(couplings, dtype=float)))


def debye_spectrum(omega_D, lambda_ep) -> DebyeSpectrum:
    """Debye-shaped alpha^2F with cutoff omega_D [J] and coupling lambda [1]."""
    return DebyeSpectrum(omega_D, lambda_ep)


def lorentzian_spectrum(omega_0, width, lambda_ep, *, cutoff=None, points: int = 2001) -> TabulatedSpectrum:
    """Truncated Lorentzian, the model spectrum of Carbotte [3]_:

    .. math:: \\alpha^2F(\\omega) \\propto \\frac{\\Gamma}{(\\omega-\\omega_0)^2+\\Gamma^2} - \\frac{\\Gamma}{\\omega_c^2+\\Gamma^2},
              \\qquad |\\omega - \\omega_0| < \\omega_c,

    zero elsewhere, scaled so that its coupling is ``lambda_ep``. ``omega_0``, ``width`` (Gamma) and
    ``cutoff`` (omega_c, default 3 Gamma) in J; needs omega_0 > omega_c. Tabulated on ``points``
    (<= MAX_SPECTRUM_POINTS) energies and integrated exactly as piecewise linear.
    """
    w0 = float(require_range("omega_0", omega_0, low=0.0, low_inclusive=False, unit="J"))
    gam = float(require_range("width", width, low=0.0, low_inclusive=False, unit="J"))
    wc = 3.0 * gam if cutoff is None else float(require_range("cutoff", cutoff, low=0.0, low_inclusive=False, unit="J"))
    if wc >= w0:
        raise InputError(f"cutoff (omega_c = {wc / _MEV:.4g} meV) must be below omega_0 = {w0 / _MEV:.4g} meV")
    if isinstance(points, bool) or not isinstance(points, int) or not 11 <= points <= MAX_SPECTRUM_POINTS:
        raise InputError(f"points must be an integer in [11, {MAX_SPECTRUM_POINTS}], got {points!r}")
    lam = float(require_range("lambda_ep", lambda_ep, low=0.0, low_inclusive=False))
    w = np.linspace(w0 - wc, w0 + wc, points)
    f = np.clip(gam / ((w - w0) ** 2 + gam**2) - gam / (wc**2 + gam**2), 0.0, None)
    shape = TabulatedSpectrum(w, f, source="truncated Lorentzian")
    return TabulatedSpectrum(w, f * lam / shape.lambda_ep,
                             source=f"truncated Lorentzian (omega_0 = {w0 / _MEV:.4g} meV, Gamma = {gam / _MEV:.4g} meV)")


def two_mode_surrogate(lambda_ep, omega_log, omega_2) -> EinsteinModes:
    """Two Einstein modes of equal coupling with exactly the given lambda [1], omega_log and omega_2 [J].

    With w_{1,2} = omega_log e^{-/+ s} and lambda/2 each, ln omega_log is kept and
    <w^2> = omega_log^2 cosh 2s, so s = arccosh((omega_2/omega_log)^2)/2. Used to solve the
    Eliashberg equations for a material known only through its three moments (an approximation
    to its true spectrum; reported as such). A single mode when omega_2 = omega_log.
    """
    lam = float(require_range("lambda_ep", lambda_ep, low=0.0, low_inclusive=False))
    wl = float(require_range("omega_log", omega_log, low=0.0, low_inclusive=False, unit="J"))
    w2 = float(require_range("omega_2", omega_2, low=0.0, low_inclusive=False, unit="J"))
    if w2 < wl * (1 - 1e-12):
        raise InputError(f"omega_2 must be >= omega_log (Jensen's inequality), got {w2 / _MEV:.6g} < {wl / _MEV:.6g} meV")
    r = max(w2 / wl, 1.0) ** 2
    if r <= 1.0 + 1e-12:
        return einstein_spectrum([wl], [lam])
    s = 0.5 * math.acosh(r)
    return einstein_spectrum([wl * math.exp(-s), wl * math.exp(s)], [lam / 2, lam / 2])


# --- parsing (CLI edge) ---------------------------------------------------------------------

_UNIT_IN_HEADER = re.compile(r"[\[(]\s*([^\])]+?)\s*[\])]|_([A-Za-z^\-0-9]+)$")


def parse_energy(name: str, text: str) -> float:
    """Parse an energy like ``40meV``, ``0.04eV``, ``464K``, ``9.7THz``, ``323cm-1`` into J."""
    if not isinstance(text, str):
        raise InputError(f"{name} must be a string such as '40meV', got {text!r}")
    m = re.fullmatch(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-z][A-Za-z0-9^\-]*)\s*", text)
    if not m or m.group(2) not in ENERGY_UNITS:
        raise InputError(f"{name} must be a number with an energy unit ({', '.join(ENERGY_UNITS)}), got {text!r}")
    value = float(m.group(1)) * ENERGY_UNITS[m.group(2)]
    if not value > 0:
        raise InputError(f"{name} must be > 0, got {text!r}")
    return value


def parse_modes(text: str) -> EinsteinModes:
    """Parse ``"40meV:0.7,140meV:1.6"`` (energy with unit : coupling lambda_i) into Einstein modes."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"modes must look like '40meV:0.7,140meV:1.6', got {text!r}")
    parts = [p for p in text.split(",") if p.strip()]
    if len(parts) > MAX_MODES:
        raise InputError(f"number of modes must be <= {MAX_MODES}, got {len(parts)}")
    energies, couplings = [], []
    for part in parts:
        if part.count(":") != 1:
            raise InputError(f"each mode must be ENERGY:LAMBDA such as '40meV:0.7', got {part.strip()!r}")
        e, lam = part.split(":")
        energies.append(parse_energy("mode energy", e))
        try:
            couplings.append(float(lam))
        except ValueError:
            raise InputError(f"mode coupling must be a number, got {lam.strip()!r}") from None
    return einstein_spectrum(energies, couplings)


def read_spectrum(path) -> TabulatedSpectrum:
    """Read a two-column CSV (energy with its unit in the header, alpha2F) into a spectrum.

    The header names the energy unit, e.g. ``energy [meV],a2F`` or ``omega_THz,alpha2F``;
    units: meV, eV, K, THz, cm-1, Ry, J. Lines starting with ``#`` are comments. At most
    :data:`MAX_SPECTRUM_POINTS` rows. Every malformed row is refused with its row number.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"spectrum file {str(p)!r} does not exist")
    text = p.read_text(encoding="utf-8")
    rows = [r for r in csv.reader(io.StringIO(text)) if r and not r[0].lstrip().startswith("#")]
    if not rows:
        raise InputError(f"spectrum file {p.name!r} is empty")
    header = [h.strip() for h in rows[0]]
    if len(header) != 2:
        raise InputError(f"spectrum file {p.name!r} must have 2 columns (energy with unit, alpha2F), header is {header}")
    m = _UNIT_IN_HEADER.search(header[0])
    unit = (m.group(1) or m.group(2)) if m else None
    if unit not in ENERGY_UNITS:
        raise InputError(f"spectrum file {p.name!r}: the first header must name the energy unit, e.g. "
                         f"'energy [meV]' (units: {', '.join(ENERGY_UNITS)}), got {header[0]!r}")
    body = rows[1:]
    if len(body) > MAX_SPECTRUM_POINTS:
        raise InputError(f"spectrum points must be <= {MAX_SPECTRUM_POINTS}, got {len(body)}")
    data = np.empty((len(body), 2))
    for i, row in enumerate(body, start=2):
        if len(row) != 2:
            raise InputError(f"spectrum file {p.name!r} row {i}: need 2 values, got {row}")
        try:
            data[i - 2] = [float(row[0]), float(row[1])]
        except ValueError:
            raise InputError(f"spectrum file {p.name!r} row {i}: not numbers: {row}") from None
    return TabulatedSpectrum(data[:, 0] * ENERGY_UNITS[unit], data[:, 1], source=p.name)
