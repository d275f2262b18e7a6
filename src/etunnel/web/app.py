"""The explorer's FastAPI application: a JSON API under ``/api/v1`` and one static page.

Every endpoint calls a service (``etunnel.services.*``) and returns its
``to_dict()``, the JSON ``etunnel ... --json`` prints. Bad input gives 422
(out-of-range query values, checked by FastAPI) or 400 (domain errors raised
by the services), each naming the parameter and its allowed range. Long work
runs off the event loop: the diagram and periodic table in the thread pool,
the reproduction report and the validation scorecard in a background thread.

Caps on sizes the caller controls (see :mod:`etunnel.services.explorer`):
curve points <= 2001, truncated-sum terms <= 1000, diagram grids <= 201
temperatures x 81 pressures, pressures <= 500 GPa, temperatures <= 5000 K; sweep slices <= 201
temperatures x 201 pressures (strided).
"""

from __future__ import annotations

import functools
import json
import importlib.resources
import os
import shutil
import tempfile
import threading
import time
import weakref
from pathlib import Path
from typing import Annotated, Callable, Literal

from fastapi import APIRouter, FastAPI, Path as PathParam, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from etunnel.checks import InputError
from etunnel.materials.radii import RADIUS_CONVENTIONS
from etunnel.services import explorer, sweep_run
from etunnel.web import schemas

Convention = Literal[tuple(RADIUS_CONVENTIONS)]  # type: ignore[valid-type]
TERMS_PATTERN = r"^(infinite|[1-9][0-9]{0,2})$"
TERMS_HELP = ("Molecule pairs kept in eq. (24): 'infinite' (exact, default) or an integer 1 to "
              f"{explorer.MAX_TERMS} (1 = the paper's first term, eq. 37). [1]")
ERRORS = {400: {"model": schemas.ErrorOut, "description": "Bad input (parameter and allowed range named)."},
          422: {"model": schemas.ErrorOut, "description": "Query value outside its range."}}

RV = Annotated[float, Query(ge=1, le=1000, description="Valence orbital radius R_v, 1 to 1000 and <= R_b. [pm]")]
RB = Annotated[float, Query(ge=1, le=1000, description="Border radius R_b, half the molecular distance, 1 to 1000. [pm]")]
C = Annotated[float, Query(ge=0, le=1, description="Attraction coefficient c in [0, 1]. [1]")]
TERMS = Annotated[str, Query(pattern=TERMS_PATTERN, description=TERMS_HELP)]
RVC = Annotated[Convention, Query(description="Radius convention for R_v: " + ", ".join(RADIUS_CONVENTIONS))]
RBC = Annotated[Convention, Query(description="Radius convention for R_b: " + ", ".join(RADIUS_CONVENTIONS))]


NO_STORE = "no sweep store opened: start the server with `etunnel serve --store PATH` (a store of `etunnel sweep`)"

_STATIC = importlib.resources.files("etunnel.web") / "static"


def _terms(text: str):
    return "infinite" if text == "infinite" else int(text)


def _pm(value: float) -> float:
    return value * 1e-12


def _check_radii(rv: float, rb: float) -> None:
    if rv > rb:
        raise ValueError(f"rv must be in [1, rb] pm (R_v <= R_b), got rv = {rv:g} pm with rb = {rb:g} pm")


class Job:
    """A background job writing into a folder; status polled by the page."""

    def __init__(self, name: str, folder: Path, run: Callable[[Path], object] | None, reason: str | None,
                 page: str):
        self.name, self.folder, self.run, self.page = name, folder, run, page
        self.reason = reason
        self.status = "idle"
        self.result: dict | None = None
        self.started: float | None = None
        self.finished: float | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self.run is None or self.status in ("running", "done"):
                return
            self.status, self.started, self.finished = "running", time.monotonic(), None
            threading.Thread(target=self._work, name=f"etunnel-{self.name}", daemon=True).start()

    def _work(self) -> None:
        try:
            result = self.run(self.folder)
            self.result = result.to_dict() if hasattr(result, "to_dict") else None
        except Exception as exc:  # reported to the page, never raised into the server
            self.status, self.reason = "failed", f"{type(exc).__name__}: {' '.join(str(exc).split())}"
        else:
            self.status = "done"
        self.finished = time.monotonic()

    def to_dict(self, mount: str) -> dict:
        elapsed = None
        if self.started is not None:
            elapsed = (self.finished or time.monotonic()) - self.started
        files = []
        if self.status == "done":
            files = sorted(str(p.relative_to(self.folder)) for p in self.folder.rglob("*") if p.is_file())
        return {"available": self.run is not None, "status": self.status, "reason": self.reason,
                "url": f"{mount}/{self.page}" if self.status == "done" else None, "elapsed": elapsed, "files": files,
                "result": self.result}


def _default_report(folder: Path):
    from etunnel.services.reproduction import reproduce

    return reproduce(folder, force=True)


def _validation_runner(supercon: Path, bootstrap: int) -> Callable[[Path], object]:
    def run(folder: Path):
        from etunnel.services.validation_report import validate

        return validate(supercon, folder, n_bootstrap=bootstrap, force=True)

    return run


def create_app(*, supercon: str | os.PathLike | None = None, report_builder: Callable[[Path], object] | None = None,
               validation_runner: Callable[[Path], object] | None = None, bootstrap: int = 200,
               workdir: str | os.PathLike | None = None, store: str | os.PathLike | None = None) -> FastAPI:
    """Build the explorer application.

    Parameters
    ----------
    supercon : path, optional
        SuperCon-format CSV for the validation scorecard; without it the
        scorecard view says it is unavailable and why.
    report_builder, validation_runner : callable, optional
        ``f(folder)`` writing the report / scorecard (defaults: the reproduce
        and validate use cases).
    bootstrap : int
        Bootstrap resamples per interval of the scorecard (default 200).
    workdir : path, optional
        Folder for the generated report and scorecard (default: a temporary
        folder removed when the application is collected).
    store : path, optional
        A zarr store written by ``etunnel sweep``, shown by ``/api/v1/sweep``
        and ``/api/v1/sweep/slice``; without it those say it is unavailable.
    """
    app = FastAPI(
        title="etunnel explorer",
        docs_url=None,  # the interactive docs page loads its scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
        version="1",
        description=("The electron-tunnel model, element data, state diagrams, the reproduction report and the "
                     "validation scorecard. Every number carries its unit; lengths in m unless a parameter name "
                     "says pm; pressures in Pa (query parameters in GPa); temperatures in K; energies in eV."),
    )
    if workdir is None:
        workdir = tempfile.mkdtemp(prefix="etunnel-serve-")
        weakref.finalize(app, shutil.rmtree, workdir, ignore_errors=True)  # removed with the application
    work = Path(workdir)
    (work / "report").mkdir(parents=True, exist_ok=True)
    (work / "validation").mkdir(parents=True, exist_ok=True)
    report_job = Job("report", work / "report", report_builder or _default_report, None, "report.html")
    if validation_runner is None and supercon is not None:
        path = Path(supercon)
        if not path.is_file():
            raise ValueError(f"--supercon: file {str(path)!r} not found")
        validation_runner = _validation_runner(path, bootstrap)
    reason = None if validation_runner else (
        "no SuperCon data given: start the server with `etunnel serve --supercon PATH` "
        "(a CSV with columns name, Tc [K], e.g. stanev_supercon_data.csv)")
    validation_job = Job("validation", work / "validation", validation_runner, reason, "scorecard.html")
    app.state.jobs = {"report": report_job, "validation": validation_job}
    store_path = sweep_run.check_store(store) if store is not None else None

    @app.exception_handler(ValueError)
    async def _bad_input(request: Request, exc: ValueError):
        return JSONResponse(status_code=400, content={"detail": " ".join(str(exc).split())})

    @app.exception_handler(TypeError)
    async def _bad_type(request: Request, exc: TypeError):
        return JSONResponse(status_code=400, content={"detail": " ".join(str(exc).split())})

    api = APIRouter(prefix="/api/v1")
    @api.get("/model", response_model=None, responses={200: {"model": schemas.ModelOut}, **ERRORS},
             summary="D, lifting energy, R_c, R_c/R_b and state for one (R_v, R_b, c)")
    async def model(rv: RV = 149.0, rb: RB = 155.0, c: C = 0.1, terms: TERMS = "infinite"):
        """Same JSON as `etunnel model --rv RVpm --rb RBpm --c C --json`."""
        _check_radii(rv, rb)
        if terms == "infinite" or int(terms) <= 10:
            return _model_json(rv, rb, c, terms)
        return await run_in_threadpool(_model_json, rv, rb, c, terms)

    @api.get("/curve", response_model=None, responses={200: {"model": schemas.CurveOut}, **ERRORS},
             summary="Lifting energy along the centre line, E_c(r) (Figs. 2 and 7)")
    async def curve(rv: RV = 149.0, rb: RB = 155.0, c: C = 0.1, terms: TERMS = "infinite",
                    points: Annotated[int, Query(ge=2, le=explorer.MAX_CURVE_POINTS,
                                                 description="Points along r. [1]")] = 201):
        """E_c(r) [eV] for r in (0, R_b] [m], the tunnel region [R_c, R_b] and the model at R_v."""
        _check_radii(rv, rb)
        if terms == "infinite" or int(terms) <= 10:
            return _curve_json(rv, rb, c, terms, points)
        return await run_in_threadpool(_curve_json, rv, rb, c, terms, points)

    @api.get("/elements/{symbol}", response_model=None, responses={200: {"model": schemas.ElementOut}, **ERRORS},
             summary="An element's sourced radii and the model on them")
    async def element(symbol: Annotated[str, PathParam(pattern=r"^[A-Z][a-z]?$", description="Element symbol, e.g. Hg.")],
                      rv_convention: RVC = "paper", rb_convention: RBC = "paper", c: C = 0.1,
                      terms: TERMS = "infinite"):
        """Same JSON as `etunnel element SYMBOL --json`: properties with unit and source, radii [m], and the model."""
        result = await run_in_threadpool(explorer.element_view, symbol, rv_convention=rv_convention,
                                         rb_convention=rb_convention, c=c, terms=_terms(terms))
        return JSONResponse(result.to_dict())

    @api.get("/periodic-table", response_model=None, responses={200: {"model": schemas.PeriodicTableOut}, **ERRORS},
             summary="Every element's state and D under one convention, with measured T_c")
    async def periodic(rv_convention: RVC = "paper", rb_convention: RBC = "paper", c: C = 0.1,
                       terms: TERMS = "infinite"):
        """One cell per element (Z = 1 to 103): state, D [1/m], R_v and R_b [m], measured T_c [K], verdict."""
        return await run_in_threadpool(_periodic_json, rv_convention, rb_convention, c, terms)

    @api.get("/diagram", response_model=None, responses={200: {"model": schemas.DiagramMaterialsOut}, **ERRORS},
             summary="Materials with measured T_c(p) data")
    async def diagram_materials():
        """Each material of the packaged T_c(p) table, its number of points and whether a diagram can be built."""
        return JSONResponse((await run_in_threadpool(explorer.diagram_materials)).to_dict())

    @api.get("/diagram/{material}", response_model=None, responses={200: {"model": schemas.DiagramOut}, **ERRORS},
             summary="State diagram in temperature and pressure, with measured T_c(p)")
    async def diagram(
        material: Annotated[str, PathParam(max_length=40, description="Element symbol, e.g. Hg.")],
        t_min: Annotated[float, Query(ge=0, le=explorer.MAX_DIAGRAM_TEMPERATURE, description="Lowest temperature. [K]")] = 0.0,
        t_max: Annotated[float, Query(gt=0, le=explorer.MAX_DIAGRAM_TEMPERATURE, description="Highest temperature. [K]")] = 300.0,
        t_points: Annotated[int, Query(ge=2, le=explorer.MAX_DIAGRAM_TEMPERATURES, description="Temperatures. [1]")] = 61,
        p_min: Annotated[float, Query(ge=0, le=explorer.MAX_DIAGRAM_PRESSURE / 1e9, description="Lowest pressure. [GPa]")] = 0.0,
        p_max: Annotated[float, Query(gt=0, le=explorer.MAX_DIAGRAM_PRESSURE / 1e9, description="Highest pressure. [GPa]")] = 40.0,
        p_points: Annotated[int, Query(ge=2, le=explorer.MAX_DIAGRAM_PRESSURES, description="Pressures. [1]")] = 41,
        rv_convention: RVC = "paper", rb_convention: RBC = "paper", terms: TERMS = "infinite",
    ):
        """Same model as `etunnel diagram MATERIAL`: state codes on the grid, boundaries, measured points."""
        return await run_in_threadpool(_diagram_json, material, t_min, t_max, t_points, p_min * 1e9, p_max * 1e9,
                                       p_points, rv_convention, rb_convention, terms)

    @api.get("/sweep", response_model=None, summary="What the sweep store opened with `etunnel serve --store` holds")
    async def sweep_overview():
        """Same metadata as `etunnel sweep --summary STORE` (axes, completeness, provenance), nothing computed;
        `{"available": false, "reason": ...}` without a store."""
        if store_path is None:
            return {"available": False, "reason": NO_STORE}
        result = await run_in_threadpool(sweep_run.store_overview, store_path)
        return {"available": True, **result.to_dict()}

    @api.get("/sweep/slice", response_model=None, responses={200: {"model": schemas.SweepSliceOut}, **ERRORS,
                                                             404: {"model": schemas.ErrorOut, "description": "No store."}},
             summary="State on the (T, p) grid of one material, convention and sample of the store")
    async def sweep_slice(
        material: Annotated[str, Query(min_length=1, max_length=40, description="A material of the store, e.g. Nb.")],
        convention: Annotated[str, Query(min_length=1, max_length=100,
                                         description="A convention label of the store, e.g. paper or covalent/metallic.")] = "paper",
        sample: Annotated[int, Query(ge=0, le=10**6, description="Parameter draw index, 0 to samples - 1. [1]")] = 0,
    ):
        """State codes ``state[i][j]`` at temperature_K[i], pressure_GPa[j], strided to at most
        201 x 201 points (the stride is reported), with the sample's parameter values."""
        if store_path is None:
            return JSONResponse(status_code=404, content={"detail": NO_STORE})
        try:
            result = await run_in_threadpool(sweep_run.store_slice, store_path, material=material,
                                             convention=convention, sample=sample)
        except InputError as exc:
            message = " ".join(str(exc).split())
            name = message.split(" ", 1)[0]
            return JSONResponse(status_code=422, content={"detail": [
                {"loc": ["query", name], "msg": message, "type": "value_error"}]})
        return JSONResponse(result.to_dict())

    @api.get("/conventions", summary="Radius conventions")
    async def conventions() -> dict[str, str]:
        """Name and meaning of each radius convention for R_v and R_b."""
        return {name: text for name, (_, text) in RADIUS_CONVENTIONS.items()}

    for name, mount, in (("report", "/files/report"), ("validation", "/files/validation")):
        _job_routes(api, app.state.jobs[name], name, mount)
        app.mount(mount, StaticFiles(directory=app.state.jobs[name].folder, check_dir=False), name=f"{name}-files")

    app.include_router(api)

    @app.get("/", include_in_schema=False)
    async def index():
        return HTMLResponse((_STATIC / "index.html").read_text(encoding="utf-8"))

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str):
        allowed = {"explorer.js": "text/javascript", "explorer.css": "text/css"}
        if name not in allowed:
            return JSONResponse(status_code=404, content={"detail": f"no static file {name!r}"})
        return HTMLResponse((_STATIC / name).read_text(encoding="utf-8"), media_type=allowed[name])

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    async def plotly_js():
        return FileResponse(_plotly_path(), media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return Response(status_code=204)

    return app


def app_from_environment() -> FastAPI:
    """The application ``etunnel serve`` runs: settings from ``ETUNNEL_SERVE_SUPERCON``, ``ETUNNEL_SERVE_BOOTSTRAP``
    and ``ETUNNEL_SERVE_STORE``."""
    supercon = os.environ.get("ETUNNEL_SERVE_SUPERCON") or None
    bootstrap = int(os.environ.get("ETUNNEL_SERVE_BOOTSTRAP") or 200)
    store = os.environ.get("ETUNNEL_SERVE_STORE") or None
    return create_app(supercon=supercon, bootstrap=bootstrap, store=store)


def _job_routes(api: APIRouter, job: Job, name: str, mount: str) -> None:
    what = "the reproduction report (etunnel reproduce)" if name == "report" else \
        "the validation scorecard (etunnel validate)"

    @api.get(f"/{name}", response_model=schemas.JobStatus, summary=f"Status of {what}", name=f"{name}_status")
    async def status():
        return job.to_dict(mount)

    @api.post(f"/{name}", response_model=schemas.JobStatus, summary=f"Start {what} in the background",
              name=f"{name}_start")
    async def start():
        job.start()
        return job.to_dict(mount)


@functools.lru_cache(maxsize=1)
def _plotly_path() -> str:
    import plotly

    return str(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")


class _JSON(Response):
    """A response whose body is already-serialised JSON (the cached ``to_dict()`` of a result)."""

    media_type = "application/json"


def _encode(result) -> bytes:
    return json.dumps(result.to_dict(), ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def _cached_json(maxsize: int):
    """Cache a result's serialised JSON by query (results are deterministic); answer with a fresh response."""

    def decorate(function):
        cached = functools.lru_cache(maxsize=maxsize)(lambda *args: _encode(function(*args)))

        @functools.wraps(function)
        def respond(*args) -> _JSON:
            return _JSON(cached(*args))

        return respond

    return decorate


@_cached_json(maxsize=8192)  # ~1 kB each
def _model_json(rv: float, rb: float, c: float, terms: str):
    return explorer.evaluate_model(_pm(rv), _pm(rb), c, _terms(terms))


@_cached_json(maxsize=512)  # up to ~150 kB each
def _curve_json(rv: float, rb: float, c: float, terms: str, points: int):
    return explorer.centre_line_curve(_pm(rv), _pm(rb), c, _terms(terms), points=points)


@_cached_json(maxsize=64)  # ~30 kB each
def _periodic_json(rv_convention: str, rb_convention: str, c: float, terms: str):
    return explorer.periodic_table(rv_convention=rv_convention, rb_convention=rb_convention, c=c, terms=_terms(terms))


@_cached_json(maxsize=128)  # ~50 kB at the default grid, up to ~1 MB at the caps
def _diagram_json(material, t_min, t_max, t_points, p_min, p_max, p_points, rv_convention, rb_convention, terms):
    return explorer.diagram_view(material, t_min=t_min, t_max=t_max, t_points=t_points, p_min=p_min, p_max=p_max,
                                 p_points=p_points, rv_convention=rv_convention, rb_convention=rb_convention,
                                 terms=_terms(terms))
