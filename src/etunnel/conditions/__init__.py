"""Pressure and temperature: sub-models, the (T, p) state diagram, and calibration to measured T_c(p).

Modules: :mod:`~etunnel.conditions.eos` (Vinet, Birch–Murnaghan),
:mod:`~etunnel.conditions.submodels` (R_b(T,p), R_v(T), c(T,p)),
:mod:`~etunnel.conditions.diagram` (states and exact boundaries, Figure 8),
:mod:`~etunnel.conditions.calibration` (fits, baseline, leave-one-out).
"""
