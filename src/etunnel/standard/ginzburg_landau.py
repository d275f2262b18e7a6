"""Ginzburg-Landau length scales, critical fields, and the flux quantum.

Near T_c the Ginzburg-Landau (GL) lengths follow from the BCS coherence
length ``xi_0`` and the London depth ``lambda_L(0)`` through Gor'kov's
microscopic derivation (Tinkham [2]_ §4.3):

.. math::

    \\xi_{GL}(T) = 0.74\\,\\frac{\\xi_0}{\\sqrt{1-t}}\\ (\\text{clean}),\\qquad
    \\xi_{GL}(T) = 0.855\\,\\sqrt{\\frac{\\xi_0\\,\\ell}{1-t}}\\ (\\text{dirty}),

    \\lambda_{GL}(T) = \\frac{\\lambda_L(0)}{\\sqrt{2(1-t)}}\\ (\\text{clean}),\\qquad
    \\lambda_{GL}(T) = \\frac{\\lambda_L(0)}{\\sqrt{2(1-t)}}
        \\sqrt{\\frac{\\xi_0}{1.33\\,\\ell}}\\ (\\text{dirty}),

so that ``kappa = lambda_GL / xi_GL`` is temperature independent
(``0.96 lambda_L(0)/xi_0`` in the clean limit, [2]_ eq. 4.25a). Critical
fields are returned as flux densities ``B = mu_0 H`` in tesla.

The flux quantum of the standard theory is ``h/(2e)`` (charge-2e pairs;
London 1950, measured by Deaver and Fairbank [4]_ and Doll and Näbauer [5]_).
The electron-tunnel paper [6]_ writes ``Phi_0 = h/(2e)`` as its eq. (45) and
then states that its theory predicts the minimum flux in a superconducting
ring to be *twice* ``Phi_0``, i.e. ``h/e``;
:func:`etunnel.model.phenomena.paper_minimum_ring_flux` returns that claim so
that the two can be set side by side.

References
----------
.. [1] V. L. Ginzburg and L. D. Landau, Zh. Eksp. Teor. Fiz. 20, 1064 (1950).
.. [2] M. Tinkham, *Introduction to Superconductivity*, 2nd ed.
   (McGraw-Hill, 1996), ch. 4-5.
.. [3] A. B. Pippard, Proc. R. Soc. A 216, 547 (1953); BCS,
   Phys. Rev. 108, 1175 (1957): xi_0 = hbar v_F / (pi Delta(0)).
.. [4] B. S. Deaver and W. M. Fairbank, Phys. Rev. Lett. 7, 43 (1961).
.. [5] R. Doll and M. Näbauer, Phys. Rev. Lett. 7, 51 (1961).
.. [6] J. Z. Liu, "Unified Theory of Low and High-Temperature
   Superconductivity", Stanford University (2019, rev. 2023), eq. (45) and
   the paragraph after it.
"""

from __future__ import annotations

import math

import numpy as np

from etunnel.checks import InputError, require_positive, require_range, scalar_or_array
from etunnel.constants import FLUX_QUANTUM, HBAR
from etunnel.standard.bcs import bcs_gap

#: Gor'kov's clean-limit coefficient xi_GL(T) sqrt(1-t) / xi_0, [2]_ eq. 4.24a.
GORKOV_CLEAN_XI: float = 0.74
#: Gor'kov's dirty-limit coefficient xi_GL(T) sqrt(1-t) / sqrt(xi_0 l), [2]_ eq. 4.24b.
GORKOV_DIRTY_XI: float = 0.855
#: The kappa separating type I from type II superconductors, 1/sqrt(2).
KAPPA_BOUNDARY: float = 1.0 / math.sqrt(2.0)


def flux_quantum():
    """The superconducting flux quantum of the standard theory.

    .. math::

        \\Phi_0 = \\frac{h}{2e} = 2.067833848\\ldots\\times10^{-15}\\ \\mathrm{Wb}

    Charge-2e Cooper pairs; measured in rings by Deaver and Fairbank [4]_ and
    Doll and Näbauer [5]_. (The electron-tunnel paper [6]_ writes the same
    expression as its eq. 45.)

    Returns
    -------
    float
        Phi_0 [Wb].
    """
    return FLUX_QUANTUM


def bcs_coherence_length(v_F, T_c):
    """BCS (Pippard) coherence length from the Fermi velocity and T_c.

    .. math::

        \\xi_0 = \\frac{\\hbar v_F}{\\pi\\Delta(0)},\\qquad
        \\Delta(0) = 1.764\\,k_B T_c

    BCS; Tinkham [2]_ eq. (3.33).

    Parameters
    ----------
    v_F : array_like
        Fermi velocity, > 0. [m/s]
    T_c : array_like
        Critical temperature, > 0. [K]

    Returns
    -------
    float or ndarray
        xi_0 [m].
    """
    v_F = require_positive("v_F", v_F, unit="m/s")
    gap0 = np.asarray(bcs_gap(0.0, T_c))
    return scalar_or_array(HBAR * v_F / (math.pi * gap0))


def _reduced(T, T_c):
    T = require_range("T", T, low=0.0, unit="K")
    T_c = require_positive("T_c", T_c, unit="K")
    t = T / T_c
    if np.any(t >= 1.0):
        raise InputError(
            f"T must be below T_c for the Ginzburg-Landau lengths (they diverge at T_c), got T/T_c = {np.max(t):.6g}"
        )
    return t


def gl_coherence_length(xi_0, T, T_c, *, mean_free_path=None):
    """Ginzburg-Landau coherence length xi_GL(T) from Gor'kov's relations.

    .. math::

        \\xi_{GL}(T) = \\frac{0.74\\,\\xi_0}{\\sqrt{1-t}}\\ \\text{(clean)},\\qquad
        \\xi_{GL}(T) = 0.855\\sqrt{\\frac{\\xi_0 \\ell}{1-t}}\\ \\text{(dirty, } \\ell \\ll \\xi_0)

    Tinkham [2]_ eqs. (4.24a,b); valid near T_c. At ``T = 0`` this returns the
    common linear extrapolation ``0.74 xi_0`` (clean), not a GL result.

    Parameters
    ----------
    xi_0 : array_like
        BCS coherence length, > 0. [m]
    T : array_like
        Temperature, 0 <= T < T_c. [K]
    T_c : array_like
        Critical temperature, > 0. [K]
    mean_free_path : array_like, optional
        Electron mean free path l, > 0; when given, the dirty-limit form is
        used. [m]

    Returns
    -------
    float or ndarray
        xi_GL [m].
    """
    xi_0 = require_positive("xi_0", xi_0, unit="m")
    t = _reduced(T, T_c)
    if mean_free_path is None:
        xi = GORKOV_CLEAN_XI * xi_0 / np.sqrt(1.0 - t)
    else:
        ell = require_positive("mean_free_path", mean_free_path, unit="m")
        xi = GORKOV_DIRTY_XI * np.sqrt(xi_0 * ell / (1.0 - t))
    return scalar_or_array(xi)


def gl_penetration_depth(lambda_L, T, T_c, *, xi_0=None, mean_free_path=None):
    """Ginzburg-Landau penetration depth lambda_GL(T) from Gor'kov's relations.

    .. math::

        \\lambda_{GL}(T) = \\frac{\\lambda_L(0)}{\\sqrt{2(1-t)}}\\ \\text{(clean)},\\qquad
        \\lambda_{GL}(T) = \\frac{\\lambda_L(0)}{\\sqrt{2(1-t)}}
            \\sqrt{\\frac{\\xi_0}{1.33\\,\\ell}}\\ \\text{(dirty)}

    Tinkham [2]_ eqs. (4.22a,b); valid near T_c.

    Parameters
    ----------
    lambda_L : array_like
        London penetration depth at T = 0, > 0. [m]
    T : array_like
        Temperature, 0 <= T < T_c. [K]
    T_c : array_like
        Critical temperature, > 0. [K]
    xi_0, mean_free_path : array_like, optional
        BCS coherence length and mean free path, > 0; both required for the
        dirty-limit form. [m]

    Returns
    -------
    float or ndarray
        lambda_GL [m].
    """
    lam = require_positive("lambda_L", lambda_L, unit="m")
    t = _reduced(T, T_c)
    out = lam / np.sqrt(2.0 * (1.0 - t))
    if (xi_0 is None) != (mean_free_path is None):
        raise InputError("xi_0 and mean_free_path must be given together for the dirty-limit lambda_GL, got only one")
    if mean_free_path is not None:
        xi_0 = require_positive("xi_0", xi_0, unit="m")
        ell = require_positive("mean_free_path", mean_free_path, unit="m")
        out = out * np.sqrt(xi_0 / (1.33 * ell))
    return scalar_or_array(out)


def gl_kappa(penetration_depth, coherence_length):
    """Ginzburg-Landau parameter kappa = lambda / xi.

    .. math::

        \\kappa = \\frac{\\lambda_{GL}}{\\xi_{GL}}

    Tinkham [2]_ eq. (4.19). With Gor'kov's clean-limit lengths,
    ``kappa = lambda_L(0) / (sqrt(2) 0.74 xi_0) = 0.96 lambda_L(0)/xi_0``.

    Parameters
    ----------
    penetration_depth : array_like
        GL penetration depth, > 0. [m]
    coherence_length : array_like
        GL coherence length, > 0. [m]

    Returns
    -------
    float or ndarray
        kappa [1].
    """
    lam = require_positive("penetration_depth", penetration_depth, unit="m")
    xi = require_positive("coherence_length", coherence_length, unit="m")
    return scalar_or_array(lam / xi)


def superconductor_type(kappa):
    """Type I or type II according to Abrikosov's criterion kappa vs 1/sqrt(2).

    Tinkham [2]_ §4.4: the surface energy changes sign at
    ``kappa = 1/sqrt(2)``; below it type I, above it type II.

    Parameters
    ----------
    kappa : array_like
        GL parameter, > 0. [1]

    Returns
    -------
    str or ndarray of str
        ``"I"``, ``"II"``, or ``"boundary"`` where kappa equals 1/sqrt(2) to 1e-12.
    """
    k = require_positive("kappa", kappa)
    out = np.where(np.isclose(k, KAPPA_BOUNDARY, rtol=1e-12, atol=0.0), "boundary", np.where(k < KAPPA_BOUNDARY, "I", "II"))
    return str(out) if out.ndim == 0 else out


def thermodynamic_critical_field(penetration_depth, coherence_length):
    """Thermodynamic critical field from the GL lengths.

    .. math::

        B_c = \\mu_0 H_c = \\frac{\\Phi_0}{2\\sqrt2\\,\\pi\\,\\lambda\\,\\xi}

    Tinkham [2]_ eq. (4.20), SI form.

    Parameters
    ----------
    penetration_depth : array_like
        GL penetration depth, > 0. [m]
    coherence_length : array_like
        GL coherence length, > 0. [m]

    Returns
    -------
    float or ndarray
        B_c [T].
    """
    lam = require_positive("penetration_depth", penetration_depth, unit="m")
    xi = require_positive("coherence_length", coherence_length, unit="m")
    return scalar_or_array(flux_quantum() / (2.0 * math.sqrt(2.0) * math.pi * lam * xi))


def upper_critical_field(coherence_length):
    """Upper critical field of a type II superconductor (GL nucleation field).

    .. math::

        B_{c2} = \\mu_0 H_{c2} = \\frac{\\Phi_0}{2\\pi\\xi^2} = \\sqrt2\\,\\kappa\\,B_c

    Tinkham [2]_ eq. (4.62). For type I (kappa < 1/sqrt2) it is the
    supercooling field, below B_c.

    Parameters
    ----------
    coherence_length : array_like
        GL coherence length, > 0. [m]

    Returns
    -------
    float or ndarray
        B_c2 [T].
    """
    xi = require_positive("coherence_length", coherence_length, unit="m")
    return scalar_or_array(flux_quantum() / (2.0 * math.pi * xi**2))


#: Coefficients of Brandt's fit to the vortex-core term of B_c1 (PRB 68, 054506 (2003)).
BRANDT_ALPHA_INFINITY = 0.49693
_BRANDT_EXPONENT = (-0.41477, -0.775, -0.1303)


def brandt_core_term(kappa):
    """Vortex-core term :math:`\\alpha(\\kappa)` of the lower critical field (Brandt 2003).

    .. math::

        \\alpha(\\kappa) = 0.49693 + \\exp\\left(-0.41477 - 0.775\\ln\\kappa
                            - 0.1303\\ln^2\\kappa\\right)

    E. H. Brandt, Phys. Rev. B 68, 054506 (2003): a fit to the
    numerical solution of the GL equations for an isolated vortex, valid for
    every :math:`\\kappa \\ge 1/\\sqrt2`. It tends to 0.49693 (the classic
    0.497 of Hu and Thompson) as :math:`\\kappa \\to \\infty`, and makes
    :math:`B_{c1} = B_c` at :math:`\\kappa = 1/\\sqrt2` to 0.1 %.

    Parameters
    ----------
    kappa : array_like
        GL parameter, > 0. [1]

    Returns
    -------
    float or ndarray
        alpha [1].
    """
    kappa = require_positive("kappa", kappa)
    return scalar_or_array(_brandt_alpha(np.log(kappa)))


def _brandt_alpha(log_kappa):
    a0, a1, a2 = _BRANDT_EXPONENT
    return BRANDT_ALPHA_INFINITY + np.exp(a0 + a1 * log_kappa + a2 * log_kappa * log_kappa)


def lower_critical_field(penetration_depth, coherence_length):
    """Lower critical field of a type II superconductor, valid for every kappa >= 1/sqrt2.

    .. math::

        B_{c1} = \\mu_0 H_{c1} = \\frac{\\Phi_0}{4\\pi\\lambda^2}
                 \\left[\\ln\\kappa + \\alpha(\\kappa)\\right]

    with :math:`\\alpha(\\kappa)` from Brandt's fit to the numerical GL
    solution (:func:`brandt_core_term`; E. H. Brandt, PRB 68, 054506 (2003)). The London form :math:`(\\Phi_0/4\\pi\\lambda^2)\\ln\\kappa`
    (Tinkham [2]_ eq. 5.18) omits the vortex-core term and turns negative for
    :math:`\\kappa < 1`; at large kappa this tends to
    :math:`(\\Phi_0/4\\pi\\lambda^2)(\\ln\\kappa + 0.497)`, and at
    :math:`\\kappa = 1/\\sqrt2` it equals the thermodynamic :math:`B_c` to 0.1 %.

    Parameters
    ----------
    penetration_depth : array_like
        GL penetration depth, > 0. [m]
    coherence_length : array_like
        GL coherence length, > 0. [m]

    Returns
    -------
    float or ndarray
        B_c1 [T], > 0; NaN where ``kappa < 1/sqrt(2)`` (type I: no mixed state).
    """
    lam = require_positive("penetration_depth", penetration_depth, unit="m")
    xi = require_positive("coherence_length", coherence_length, unit="m")
    kappa = lam / xi
    type_two = kappa >= KAPPA_BOUNDARY
    L = np.log(kappa)
    b = np.where(type_two, flux_quantum() / (4.0 * math.pi * lam**2) * (L + _brandt_alpha(L)), np.nan)
    return scalar_or_array(b)
