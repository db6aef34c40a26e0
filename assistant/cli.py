"""The ``assistant`` command: init, train, shell, test, data validate."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from assistant import __version__
from assistant.errors import AssistantError

logger = logging.getLogger("assistant")


def _project_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help="config file (default: config.yml)")
    parser.add_argument("--domain", type=Path, help="domain file or folder (default: domain.yml)")
    parser.add_argument(
        "--data", type=Path, nargs="+", help="training data files or folders (default: data/)"
    )


def _load_project(args: argparse.Namespace, tests: list[Path] | None = None):  # type: ignore[no-untyped-def]
    from assistant.importers.project import load_project

    return load_project(
        Path.cwd(), config=args.config, domain=args.domain, data=args.data, tests=tests
    )


# ---- init ---------------------------------------------------------------------------------
def cmd_init(args: argparse.Namespace) -> int:
    from assistant.scaffold import init_project

    target = Path(args.directory)
    files = init_project(target, force=args.force)
    print(f"Created a new bilingual assistant in {target} ({len(files)} files).")
    print(f"Next: cd {target} && assistant train && assistant shell")
    return 0


# ---- train --------------------------------------------------------------------------------
def cmd_train(args: argparse.Namespace) -> int:
    from assistant.training import train

    started = time.perf_counter()
    print("Reading the project ...", flush=True)
    project = _load_project(args, tests=[])
    parts = (args.part,) if args.part else ("nlu", "core")
    result = train(
        project,
        Path(args.out),
        parts=parts,
        force=args.force,
        progress=lambda msg: print(f"  {msg}", flush=True),
    )
    for problem in result.problems:
        print(f"  warning: {problem}", file=sys.stderr)
    done = ", ".join(result.trained) or "nothing"
    reused = f"; reused {', '.join(result.reused)}" if result.reused else ""
    print(f"Trained {done}{reused} in {time.perf_counter() - started:.1f} s: {result.path}")
    return 0


# ---- shell --------------------------------------------------------------------------------
def _load_agent(model: Path, endpoints: Path | None = None):  # type: ignore[no-untyped-def]
    from assistant.agent import Agent
    from assistant.model import load_model

    loaded = load_model(model)
    executor = None
    if endpoints is not None and endpoints.exists():
        from assistant.action_server_client import executor_from_endpoints
        from assistant.config import read_endpoints

        executor = executor_from_endpoints(read_endpoints(endpoints), loaded.domain)
    return Agent(loaded.domain, loaded.interpreter, loaded.ensemble, executor=executor)


def _print_response(event, buttons: list[dict[str, str]]) -> None:  # type: ignore[no-untyped-def]
    if event.text:
        print(event.text)
    data = event.data or {}
    if data.get("image"):
        print(f"Image: {data['image']}")
    for button in data.get("buttons", []) + data.get("quick_replies", []):
        buttons.append(button)
        print(f"  {len(buttons)}: {button.get('title')} ({button.get('payload')})")
    if data.get("custom") is not None:
        print(json.dumps(data["custom"], ensure_ascii=False))
    if data.get("attachment") is not None:
        print(f"Attachment: {data['attachment']}")


def cmd_shell(args: argparse.Namespace) -> int:
    from assistant.user_input import UserMessage

    agent = _load_agent(Path(args.model), Path(args.endpoints))
    interactive = sys.stdin.isatty()
    if interactive:
        with contextlib.suppress(ImportError):
            import readline  # noqa: F401  (line editing and history for input())
    print("Bot loaded. Type a message and press enter (type /stop to exit).", flush=True)
    buttons: list[dict[str, str]] = []
    while True:
        try:
            text = input("Your input -> " if interactive else "")
        except (EOFError, KeyboardInterrupt):
            print()
            break
        text = text.strip()
        if not text:
            continue
        if text == "/stop":
            break
        if text.isdigit() and 0 < int(text) <= len(buttons):
            text = buttons[int(text) - 1].get("payload", text)
        buttons = []
        for event in agent.handle(UserMessage(text, args.sender, input_channel="cmdline")):
            _print_response(event, buttons)
        sys.stdout.flush()
    return 0


# ---- run ----------------------------------------------------------------------------------
def cmd_run_actions(args: argparse.Namespace) -> int:
    import uvicorn

    from actions.loading import ActionLoadError, load_actions
    from assistant.action_server import create_action_app

    sys.path.insert(0, str(Path.cwd()))
    try:
        actions = load_actions(args.actions)
    except ActionLoadError as err:
        raise AssistantError(str(err)) from err
    port = args.port or 5055
    print(
        f"Serving {len(actions)} actions from '{args.actions}' on http://{args.host}:{port}/webhook"
        f": {', '.join(sorted(actions)) or '(none)'}",
        flush=True,
    )
    uvicorn.run(create_action_app(actions), host=args.host, port=port, log_level="warning")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    if args.target == "actions":
        return cmd_run_actions(args)
    import uvicorn

    from assistant.serving import RunOptions, build_app, check_workers, export

    options = RunOptions(
        model=str(Path(args.model).resolve()),
        endpoints=str(Path(args.endpoints).resolve()),
        credentials=str(Path(args.credentials).resolve()),
        root=str(Path.cwd()),
        enable_api=args.enable_api,
        auth_token=args.auth_token,
        jwt_secret=args.jwt_secret,
        cors=tuple(args.cors or ()),
    )
    port = args.port or 5005
    if args.workers > 1:
        check_workers(options, args.workers)
        export(options)
        print(f"Serving on http://{args.host}:{port} with {args.workers} workers", flush=True)
        uvicorn.run(
            "assistant.serving:app_from_env",
            factory=True,
            workers=args.workers,
            host=args.host,
            port=port,
            timeout_graceful_shutdown=30,
            log_config=None,
        )
        return 0
    app, about = build_app(options)
    print(f"Serving {about} on http://{args.host}:{port}", flush=True)
    uvicorn.run(app, host=args.host, port=port, timeout_graceful_shutdown=30, log_config=None)
    return 0


# ---- test ---------------------------------------------------------------------------------
def cmd_test(args: argparse.Namespace) -> int:
    if args.kind == "nlu":
        return _test_nlu(args)
    from assistant.story_graph import build_stories
    from assistant.story_report import write_story_results
    from assistant.story_test import run_story_tests

    stories_path = [Path(p) for p in args.stories] if args.stories else None
    project = _load_project(args, tests=stories_path)
    agent = _load_agent(Path(args.model))
    stories = [s for s in build_stories(project.test_stories) if not s.is_rule]
    if not stories:
        print("No test stories found (looked in tests/ for test_*.yml; use --stories PATH).")
        return 1 if args.fail_on_prediction_errors else 0
    print(f"Testing {len(stories)} stories ...", flush=True)
    results = run_story_tests(agent, stories)
    report = write_story_results(results, Path(args.out))
    conv = report["conversation_accuracy"]
    for result in results:
        if not result.passed:
            bad = [s for s in result.steps if s.predicted is not None]
            print(f"  FAILED {result.story.name}: {len(bad)} step(s) differ")
    print(f"Conversation accuracy: {conv['correct']}/{conv['total']} = {conv['accuracy']:.3f}")
    if "accuracy" in report:
        print(f"Action accuracy: {report['accuracy']:.3f}")
    print(
        f"Reports written to {args.out}/ (story_report.json, failed_test_stories.yml, "
        "successful_test_stories.yml)"
    )
    if args.fail_on_prediction_errors and conv["correct"] != conv["total"]:
        return 1
    return 0


def _test_nlu(args: argparse.Namespace) -> int:
    """Evaluate the trained model on ``--nlu`` data, or cross-validate on one data set."""
    from assistant import nlu_evaluation as evaluation
    from assistant.importers.nlu_reader import read_nlu
    from assistant.importers.project import load_project, yaml_files
    from assistant.model import load_model
    from assistant.registry import resolve_pipeline
    from assistant.shared.training_data import TrainingData

    out = Path(args.out)
    if args.cross_validation:
        data_paths = [Path(p) for p in args.nlu] if args.nlu else args.data
        project = load_project(
            Path.cwd(), config=args.config, domain=args.domain, data=data_paths, tests=[]
        )
        data, folds = project.nlu, args.folds
        if not data.intent_examples:
            raise AssistantError("no NLU examples to cross-validate (use --nlu PATH)")
        pipeline = resolve_pipeline(project.config.pipeline, project.config.language)
        print(f"Cross-validating on {len(data.intent_examples)} examples, {folds} folds ...")
        rare = evaluation.rare_intents(data, folds)
        if rare:
            more = f" and {len(rare) - 5} more" if len(rare) > 5 else ""
            print(f"  note: fewer examples than folds: {', '.join(rare[:5])}{more}")

        def on_fold(index: int, s: evaluation.FoldScore) -> None:
            entity = "" if s.entity_micro_f1 is None else f", entity F1 {s.entity_micro_f1:.3f}"
            print(
                f"  fold {index}/{folds}: intent accuracy {s.intent_accuracy:.3f}, "
                f"macro F1 {s.intent_macro_f1:.3f}{entity} ({s.seconds:.1f} s)",
                flush=True,
            )

        cv = evaluation.cross_validate(data, pipeline, project.domain, folds, on_fold=on_fold)
        written = evaluation.write_cross_validation(cv, out, successes=args.successes)
        summary = cv.summary()
        for name in evaluation.SCORES:
            if name in summary:
                label = name.replace("_", " ").capitalize().replace(" f1", " F1")
                print(f"{label}: {summary[name]['mean']:.3f} ± {summary[name]['std']:.3f}")
    else:
        loaded = load_model(Path(args.model))
        if loaded.interpreter is None:
            raise AssistantError(f"{loaded.path}: this model has no NLU part")
        paths = [Path(p) for p in args.nlu] if args.nlu else [Path("tests")]
        data = TrainingData(language=loaded.language)
        for file in yaml_files(paths):
            data = data.merge(read_nlu(file, loaded.language))
        if not data.intent_examples:
            raise AssistantError(f"no NLU test examples found in {', '.join(map(str, paths))}")
        result = evaluation.evaluate_nlu(loaded.interpreter, data)
        written = evaluation.write_nlu_results(result, out, successes=args.successes)
        report, entities = result.intent_report, result.entity_report
        print(f"Intent accuracy on {len(result.intents)} examples: {report['accuracy']:.3f}")
        print(f"Intent macro F1: {report['macro avg']['f1-score']:.3f}")
        if any(r.gold or r.predicted for r in result.entities):
            print(f"Entity micro F1: {entities['micro avg']['f1-score']:.3f}")
        if result.responses:
            accuracy = result.response_report["accuracy"]
            print(
                f"Response selection accuracy on {len(result.responses)} examples: {accuracy:.3f}"
            )
    print(f"Reports written to {out}/ ({', '.join(p.name for p in written)})")
    return 0


# ---- data validate ------------------------------------------------------------------------
def cmd_data(args: argparse.Namespace) -> int:
    from assistant.validator import validate_project

    project = _load_project(args)
    problems = validate_project(project)
    for problem in problems:
        print(f"{problem.severity}: {problem}")
    errors = [p for p in problems if p.severity == "error"]
    print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s).")
    return 1 if errors else 0


class JsonLogFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message (and the exception, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(verbose: bool, log_format: str) -> None:
    handler = logging.StreamHandler()
    if log_format == "json":
        handler.setFormatter(JsonLogFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="assistant", description="Train, chat with and test a Rasa-compatible assistant."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug logs")
    parser.add_argument(
        "--log-format",
        choices=["text", "json"],
        default="text",
        help="json: one JSON object per log line (for log collectors)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("init", help="create a new bilingual starter project")
    p.add_argument("directory", nargs="?", default=".", help="where to create it (default: here)")
    p.add_argument("--force", action="store_true", help="write into a non-empty folder")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("train", help="train a model (NLU and dialogue) into models/")
    p.add_argument("part", nargs="?", choices=["nlu", "core"], help="train only this part")
    _project_args(p)
    p.add_argument("--out", default="models", help="folder for the model archive (default: models)")
    p.add_argument("--force", action="store_true", help="retrain even what did not change")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("shell", help="chat with the trained assistant in the terminal")
    p.add_argument(
        "--model", default="models", help="model archive or folder (default: newest in models/)"
    )
    p.add_argument("--sender", default="shell", help="conversation id (default: shell)")
    p.add_argument(
        "--endpoints",
        default="endpoints.yml",
        help="action server for custom actions (default: endpoints.yml)",
    )
    p.set_defaults(func=cmd_shell)

    p = sub.add_parser(
        "run", help="serve the assistant over HTTP; `run actions` serves custom actions"
    )
    p.add_argument(
        "target",
        nargs="?",
        choices=["actions"],
        help="`actions`: serve a package's custom actions (action-server protocol)",
    )
    p.add_argument(
        "--actions",
        default="actions",
        help="the package of custom actions for `run actions` (default: actions)",
    )
    p.add_argument(
        "--model", default="models", help="model archive or folder (default: newest in models/)"
    )
    p.add_argument("--port", type=int, help="port (default: 5005; 5055 for `run actions`)")
    p.add_argument("--host", default="0.0.0.0", help="interface (default: all)")
    p.add_argument(
        "--endpoints", default="endpoints.yml", help="stores and services (default: endpoints.yml)"
    )
    p.add_argument(
        "--credentials", default="credentials.yml", help="channels (default: credentials.yml)"
    )
    p.add_argument(
        "--enable-api", action="store_true", help="serve the HTTP API as well as the channels"
    )
    p.add_argument("--auth-token", help="require ?token=... on the HTTP API")
    p.add_argument("--jwt-secret", help="accept a JWT signed with this secret on the HTTP API")
    p.add_argument("--cors", nargs="*", help="origins allowed to call the server from a browser")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes (more than 1 needs a shared tracker and lock store)",
    )
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("test", help="run test stories (default) or evaluate NLU (`test nlu`)")
    p.add_argument("kind", nargs="?", choices=["core", "nlu"], default="core")
    _project_args(p)
    p.add_argument(
        "--model", default="models", help="model archive or folder (default: newest in models/)"
    )
    p.add_argument(
        "--stories", nargs="+", help="test story files or folders (default: tests/test_*.yml)"
    )
    p.add_argument(
        "--nlu",
        nargs="+",
        help="NLU data for `test nlu` (default: tests/; with --cross-validation: data/)",
    )
    p.add_argument("--out", default="results", help="folder for the reports (default: results)")
    p.add_argument("--successes", action="store_true", help="also write intent_successes.json")
    p.add_argument(
        "--cross-validation",
        action="store_true",
        help="`test nlu`: train and test on stratified folds of one data set (default: data/)",
    )
    p.add_argument(
        "--folds", type=int, default=5, help="number of cross-validation folds (default: 5)"
    )
    p.add_argument(
        "--fail-on-prediction-errors",
        action="store_true",
        help="exit with status 1 if any story fails",
    )
    p.set_defaults(func=cmd_test)

    p = sub.add_parser("data", help="work with training data")
    data_sub = p.add_subparsers(dest="data_command", required=True, metavar="COMMAND")
    v = data_sub.add_parser("validate", help="check domain, NLU data, stories and rules")
    _project_args(v)
    v.set_defaults(func=cmd_data)

    from assistant.cli_voice import register as register_voice

    register_voice(sub)  # transcribe, speak, voice

    from assistant.cli_sql import register as register_sql

    register_sql(sub)  # sql train, sql ask, sql evaluate
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose, args.log_format)
    logging.getLogger("assistant.registry").setLevel(logging.INFO)
    try:
        return int(args.func(args))
    except AssistantError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
