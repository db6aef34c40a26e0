"""Read ``domain.yml`` (or a ``domain/`` folder) into a :class:`Domain`, as Rasa 3 does.

Rasa 2 domains are converted on the way in: slots without ``mappings`` get the mappings Rasa 2
implied (``auto_fill`` + an entity named like the slot → ``from_entity``), and slot mappings
declared inside Rasa 2 forms move onto the slots with an ``active_loop`` condition (plus
``requested_slot`` for mappings other than ``from_entity``). Every problem of a file is collected
and raised once as a :class:`TrainingDataError`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.errors import Problem, TrainingDataError
from assistant.importers.yaml_loading import line_of, read_yaml, type_name
from assistant.shared.domain import (
    SLOT_TYPES,
    Button,
    Domain,
    EntitySpec,
    Form,
    IntentSpec,
    MappingCondition,
    ResponseCondition,
    ResponseVariation,
    SessionConfig,
    Slot,
    SlotMapping,
)

logger = logging.getLogger(__name__)

DOMAIN_KEYS = frozenset(
    {
        "version",
        "intents",
        "entities",
        "slots",
        "responses",
        "templates",
        "actions",
        "forms",
        "session_config",
        "config",
        "e2e_actions",
    }
)
MAPPING_TYPES = ("from_entity", "from_intent", "from_trigger_intent", "from_text", "custom")
_SLOT_CLASSES = {
    "TextSlot": "text",
    "BooleanSlot": "bool",
    "CategoricalSlot": "categorical",
    "FloatSlot": "float",
    "ListSlot": "list",
    "AnySlot": "any",
}
_RESPONSE_CONTENT = (
    "text",
    "custom",
    "image",
    "buttons",
    "attachment",
    "elements",
    "quick_replies",
)
_RESPONSE_KEYS = frozenset(
    {
        *_RESPONSE_CONTENT,
        "id",
        "button_type",
        "channel",
        "metadata",
        "condition",
    }
)


@dataclass
class _Reference:
    """A name one part of a domain uses, checked once every file is merged."""

    kind: str  # "entity" or "slot"
    name: str
    path: str
    line: int | None
    what: str
    strict: bool = True  # False: a warning only (Rasa itself loads such domains)


@dataclass
class _DomainPart:
    domain: Domain
    problems: list[Problem] = field(default_factory=list)
    references: list[_Reference] = field(default_factory=list)


def is_domain_data(data: Any) -> bool:
    """Whether parsed YAML looks like a domain (has a domain key and no training-data key)."""
    if not isinstance(data, dict):
        return False
    if {"nlu", "stories", "rules"} & data.keys():
        return False
    return bool((DOMAIN_KEYS - {"version", "responses"}) & data.keys())


def domain_files(path: Path) -> list[Path]:
    """The YAML files that make up a domain: ``path`` itself or every yml file below it."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
    return [path]


def read_domain(path: Path) -> Domain:
    """Read a domain file or folder; raises :class:`TrainingDataError` with every problem."""
    return read_domain_with_warnings(path)[0]


def read_domain_with_warnings(path: Path) -> tuple[Domain, list[Problem]]:
    """Like :func:`read_domain`, also returning what Rasa accepts but we warn about (a slot
    mapping naming an undeclared entity); each warning is logged too."""
    path = Path(path)
    if not path.exists():
        raise TrainingDataError(Problem(str(path), None, "domain file not found"))
    domain = Domain()
    problems: list[Problem] = []
    references: list[_Reference] = []
    for file in domain_files(path):
        try:
            part = read_domain_part(file)
        except TrainingDataError as err:
            problems.extend(err.problems)
            continue
        domain = domain.merge(part.domain)
        problems.extend(part.problems)
        references.extend(part.references)
    errors, warnings = check_references(domain, references)
    problems.extend(errors)
    if problems:
        raise TrainingDataError(problems)
    return domain, warnings


def check_references(
    domain: Domain,
    references: list[_Reference],
) -> tuple[list[Problem], list[Problem]]:
    """Names used across a (merged) domain: (errors, warnings)."""
    entities, slots = set(domain.entity_names), set(domain.slot_names)
    out: list[Problem] = []
    warnings: list[Problem] = []
    for ref in references:
        known = entities if ref.kind == "entity" else slots
        if ref.name not in known:
            problem = Problem(
                ref.path,
                ref.line,
                f"{ref.what} uses {ref.kind} '{ref.name}', which the domain does not declare",
            )
            if ref.strict:
                out.append(problem)
            else:
                logger.warning("%s", problem)
                warnings.append(problem)
    return out, warnings


def read_domain_part(path: Path) -> _DomainPart:
    """One domain file, before cross-file checks (a folder's files refer to each other)."""
    data, problems = read_yaml(path)
    part = parse_domain(data, str(path))
    part.problems[:0] = problems
    return part


def parse_domain(data: Any, path: str) -> _DomainPart:
    return _DomainParser(path).parse(data)


class _DomainParser:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.references: list[_Reference] = []
        self.converted = False

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def parse(self, data: Any) -> _DomainPart:
        if data is None:
            return _DomainPart(Domain())
        if not isinstance(data, dict):
            self.problem(line_of(data), f"a domain must be a mapping, not {type_name(data)}")
            return _DomainPart(Domain(), self.problems)
        for key in data:
            if key not in DOMAIN_KEYS and key not in ("nlu", "stories", "rules"):
                logger.warning(
                    "%s:%s: unknown domain key '%s' ignored", self.path, line_of(data, key), key
                )
        version = data.get("version")
        version = str(version) if version is not None else None
        intents = self.intents(data)
        entities = self.entities(data)
        responses = self.responses(data.get("responses"), data, "responses")
        if "templates" in data:
            responses = {**self.responses(data.get("templates"), data, "templates"), **responses}
        actions, send_domain = self.actions(data)
        forms, form_mappings = self.forms(data)
        slots = self.slots(data, {e.name for e in entities}, form_mappings)
        session = self.session_config(data)
        if self.converted or (version or "").startswith("2"):
            logger.warning(
                "%s: Rasa 2 domain (version %s); slot mappings were converted to Rasa 3's "
                "(auto_fill and form mappings moved onto the slots)",
                self.path,
                version,
            )
        domain = Domain(
            intents=intents,
            entities=entities,
            slots=slots,
            responses=responses,
            actions=actions,
            forms=forms,
            session_config=session,
            version=version,
            action_send_domain=send_domain,
        )
        return _DomainPart(domain, self.problems, self.references)

    # --- intents and entities ------------------------------------------------------------

    def intents(self, data: dict[str, Any]) -> tuple[IntentSpec, ...]:
        raw = data.get("intents") or []
        if not isinstance(raw, list):
            self.problem(line_of(data, "intents"), "'intents' must be a list")
            return ()
        out: list[IntentSpec] = []
        for i, item in enumerate(raw):
            line = line_of(raw, i)
            if isinstance(item, (str, int, float)) and not isinstance(item, bool):
                out.append(IntentSpec(str(item)))
            elif isinstance(item, dict) and len(item) == 1:
                name, props = next(iter(item.items()))
                props = props or {}
                if not isinstance(props, dict):
                    self.problem(line, f"intent '{name}': properties must be a mapping")
                    continue
                out.append(
                    IntentSpec(
                        str(name),
                        use_entities=self.entity_selection(props.get("use_entities", True), line),
                        ignore_entities=tuple(str(e) for e in props.get("ignore_entities") or ()),
                    )
                )
            else:
                self.problem(
                    line, f"an intent must be a name or '- name: {{...}}', not {type_name(item)}"
                )
        return tuple(out)

    def entity_selection(self, value: Any, line: int | None) -> bool | tuple[str, ...]:
        if value is None or isinstance(value, bool):
            return value is not False and value is not None if value is not None else True
        if isinstance(value, list):
            return tuple(str(v) for v in value)
        self.problem(line, "'use_entities' must be true, false or a list of entities")
        return True

    def entities(self, data: dict[str, Any]) -> tuple[EntitySpec, ...]:
        raw = data.get("entities") or []
        if not isinstance(raw, list):
            self.problem(line_of(data, "entities"), "'entities' must be a list")
            return ()
        out = []
        for i, item in enumerate(raw):
            line = line_of(raw, i)
            if isinstance(item, str):
                out.append(EntitySpec(item))
            elif isinstance(item, dict) and len(item) == 1:
                name, props = next(iter(item.items()))
                props = props or {}
                if not isinstance(props, dict):
                    self.problem(line, f"entity '{name}': properties must be a mapping")
                    continue
                out.append(
                    EntitySpec(
                        str(name),
                        roles=tuple(str(r) for r in props.get("roles") or ()),
                        groups=tuple(str(g) for g in props.get("groups") or ()),
                        influence_conversation=bool(props.get("influence_conversation", True)),
                    )
                )
            else:
                self.problem(
                    line,
                    f"an entity must be a name or '- name: {{roles: [...]}}', "
                    f"not {type_name(item)}",
                )
        return tuple(out)

    # --- slots -------------------------------------------------------------------------

    def slots(
        self,
        data: dict[str, Any],
        entities: set[str],
        form_mappings: dict[str, list[SlotMapping]],
    ) -> tuple[Slot, ...]:
        raw = data.get("slots") or {}
        if not isinstance(raw, dict):
            self.problem(line_of(data, "slots"), "'slots' must be a mapping of slot names")
            return ()
        out = []
        for name, props in raw.items():
            slot = self.slot(str(name), props or {}, line_of(raw, name), entities)
            if slot is None:
                continue
            if name in form_mappings:
                self.converted = True
                extra = tuple(m for m in form_mappings[name] if m not in slot.mappings)
                slot = replace(slot, mappings=slot.mappings + extra)
            out.append(slot)
        return tuple(out)

    def slot(self, name: str, props: Any, line: int | None, entities: set[str]) -> Slot | None:
        if not isinstance(props, dict):
            self.problem(line, f"slot '{name}' must be a mapping with a 'type'")
            return None
        raw_type = props.get("type")
        influence_default = True
        if raw_type is None:
            self.problem(line, f"slot '{name}' has no 'type'")
            return None
        slot_type = str(raw_type)
        if slot_type == "unfeaturized":  # Rasa 1.x
            slot_type, influence_default = "any", False
        if "." in slot_type:
            slot_type = _SLOT_CLASSES.get(slot_type.rsplit(".", 1)[1], slot_type)
        elif slot_type not in SLOT_TYPES:
            self.problem(
                line_of(props, "type"),
                f"slot '{name}' has unknown type '{slot_type}'; "
                f"known: {', '.join(SLOT_TYPES)} or a custom slot class path",
            )
            return None
        if slot_type == "any":
            influence_default = False
        influence = props.get("influence_conversation", influence_default)
        if not isinstance(influence, bool):
            self.problem(
                line_of(props, "influence_conversation"),
                f"slot '{name}': 'influence_conversation' must be true or false",
            )
            influence = influence_default
        if slot_type == "any" and influence:
            self.problem(
                line_of(props, "influence_conversation"),
                f"slot '{name}' of type 'any' cannot influence the conversation",
            )
        values: tuple[str, ...] = ()
        if slot_type == "categorical":
            raw_values = props.get("values") or []
            if not isinstance(raw_values, list):
                self.problem(line_of(props, "values"), f"slot '{name}': 'values' must be a list")
                raw_values = []
            values = tuple(_categorical(v) for v in raw_values)
            if "__other__" not in values:
                values += ("__other__",)
        min_value, max_value = 0.0, 1.0
        if slot_type == "float":
            min_value = self.number(props, "min_value", 0.0, name)
            max_value = self.number(props, "max_value", 1.0, name)
            if min_value > max_value:
                self.problem(line, f"slot '{name}': min_value is larger than max_value")
        if "mappings" in props:
            mappings = self.mappings(
                props["mappings"], line_of(props, "mappings"), f"slot '{name}'"
            )
        else:
            self.converted = True
            auto_fill = props.get("auto_fill", True)
            implied = auto_fill and name in entities
            mappings = (SlotMapping("from_entity", entity=name),) if implied else ()
        return Slot(
            name=name,
            type=slot_type,
            mappings=mappings,
            influence_conversation=influence,
            initial_value=props.get("initial_value"),
            values=values,
            min_value=min_value,
            max_value=max_value,
        )

    def number(self, props: dict[str, Any], key: str, default: float, slot: str) -> float:
        value = props.get(key, default)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(line_of(props, key), f"slot '{slot}': '{key}' must be a number")
            return default
        return float(value)

    def mappings(
        self,
        raw: Any,
        line: int | None,
        owner: str,
        form: str | None = None,
        slot: str | None = None,
    ) -> tuple[SlotMapping, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem(line, f"{owner}: mappings must be a list")
            return ()
        out = []
        for i, item in enumerate(raw):
            item_line = line_of(raw, i)
            if not isinstance(item, dict):
                self.problem(
                    item_line,
                    f"{owner}: a mapping must be a mapping with a 'type', not {type_name(item)}",
                )
                continue
            kind = item.get("type")
            if kind not in MAPPING_TYPES:
                self.problem(
                    item_line,
                    f"{owner}: unknown mapping type '{kind}'; known: {', '.join(MAPPING_TYPES)}",
                )
                continue
            entity = item.get("entity")
            if kind == "from_entity":
                if not entity:
                    self.problem(item_line, f"{owner}: a from_entity mapping needs 'entity'")
                    continue
                self.references.append(
                    _Reference(
                        "entity",
                        str(entity),
                        self.path,
                        item_line,
                        f"{owner} mapping",
                        strict=False,
                    )
                )
            conditions = self.conditions(item.get("conditions"), item_line, owner)
            if form is not None:
                conditions = (MappingCondition(form, None if kind == "from_entity" else slot),)
            out.append(
                SlotMapping(
                    type=kind,
                    entity=str(entity) if entity is not None else None,
                    role=_opt_str(item.get("role")),
                    group=_opt_str(item.get("group")),
                    intent=_names(item.get("intent")),
                    not_intent=_names(item.get("not_intent")),
                    value=item.get("value"),
                    action=_opt_str(item.get("action")),
                    conditions=conditions,
                )
            )
        return tuple(out)

    def conditions(self, raw: Any, line: int | None, owner: str) -> tuple[MappingCondition, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.problem(line, f"{owner}: mapping 'conditions' must be a list")
            return ()
        out = []
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                self.problem(
                    line_of(raw, i),
                    f"{owner}: a condition must be a mapping with "
                    f"'active_loop' (and 'requested_slot')",
                )
                continue
            out.append(
                MappingCondition(
                    _opt_str(item.get("active_loop")), _opt_str(item.get("requested_slot"))
                )
            )
        return tuple(out)

    # --- responses ---------------------------------------------------------------------

    def responses(
        self,
        raw: Any,
        data: dict[str, Any],
        key: str,
    ) -> dict[str, tuple[ResponseVariation, ...]]:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            self.problem(line_of(data, key), f"'{key}' must be a mapping of response names")
            return {}
        return parse_responses(raw, self.path, self.problems)

    # --- actions, forms, session -------------------------------------------------------

    def actions(self, data: dict[str, Any]) -> tuple[tuple[str, ...], dict[str, bool]]:
        raw = data.get("actions") or []
        if not isinstance(raw, list):
            self.problem(line_of(data, "actions"), "'actions' must be a list")
            return (), {}
        names: list[str] = []
        send: dict[str, bool] = {}
        for i, item in enumerate(raw):
            if isinstance(item, str):
                names.append(item)
            elif isinstance(item, dict) and len(item) == 1:
                name, props = next(iter(item.items()))
                names.append(str(name))
                if isinstance(props, dict) and "send_domain" in props:
                    send[str(name)] = bool(props["send_domain"])
            else:
                self.problem(
                    line_of(raw, i),
                    f"an action must be a name or "
                    f"'- name: {{send_domain: true}}', not {type_name(item)}",
                )
        return tuple(dict.fromkeys(names)), send

    def forms(self, data: dict[str, Any]) -> tuple[dict[str, Form], dict[str, list[SlotMapping]]]:
        raw = data.get("forms") or {}
        if not isinstance(raw, dict):
            self.problem(line_of(data, "forms"), "'forms' must be a mapping of form names")
            return {}, {}
        forms: dict[str, Form] = {}
        moved: dict[str, list[SlotMapping]] = {}
        for name, body in raw.items():
            name = str(name)
            line = line_of(raw, name)
            body = body or {}
            if not isinstance(body, dict):
                self.problem(line, f"form '{name}' must be a mapping")
                continue
            ignored = body.get("ignored_intents") or ()
            ignored = (ignored,) if isinstance(ignored, str) else tuple(str(i) for i in ignored)
            required = body.get("required_slots")
            if required is None and "required_slots" not in body:
                required = {k: v for k, v in body.items() if k != "ignored_intents"} or None
                if required:
                    self.converted = True
                    required_line = line
                else:
                    required_line = line
            else:
                required_line = line_of(body, "required_slots")
            slots: list[str] = []
            if isinstance(required, list):
                for i, slot in enumerate(required):
                    slots.append(str(slot))
                    self.references.append(
                        _Reference(
                            "slot", str(slot), self.path, line_of(required, i), f"form '{name}'"
                        )
                    )
            elif isinstance(required, dict):  # Rasa 2: slot -> mappings
                self.converted = True
                for slot, mappings in required.items():
                    slot = str(slot)
                    slots.append(slot)
                    slot_line = line_of(required, slot)
                    self.references.append(
                        _Reference("slot", slot, self.path, slot_line, f"form '{name}'")
                    )
                    moved.setdefault(slot, []).extend(
                        self.mappings(
                            mappings,
                            slot_line,
                            f"form '{name}' slot '{slot}'",
                            form=name,
                            slot=slot,
                        )
                    )
            elif required is not None:
                self.problem(required_line, f"form '{name}': 'required_slots' must be a list")
            forms[name] = Form(name, tuple(slots), ignored)
        return forms, moved

    def session_config(self, data: dict[str, Any]) -> SessionConfig:
        raw = data.get("session_config")
        if raw is None:
            return SessionConfig()
        if not isinstance(raw, dict):
            self.problem(line_of(data, "session_config"), "'session_config' must be a mapping")
            return SessionConfig()
        expiry = raw.get("session_expiration_time", 60.0)
        if isinstance(expiry, bool) or not isinstance(expiry, (int, float)) or expiry < 0:
            self.problem(
                line_of(raw, "session_expiration_time"),
                "'session_expiration_time' must be a number of minutes (0 or more)",
            )
            expiry = 60.0
        carry = raw.get("carry_over_slots_to_new_session", True)
        if not isinstance(carry, bool):
            self.problem(
                line_of(raw, "carry_over_slots_to_new_session"),
                "'carry_over_slots_to_new_session' must be true or false",
            )
            carry = True
        return SessionConfig(float(expiry), carry)


def parse_responses(
    raw: dict[Any, Any],
    path: str,
    problems: list[Problem],
) -> dict[str, tuple[ResponseVariation, ...]]:
    """Parse a ``responses:`` mapping (domain or NLU file), appending problems with lines."""
    out: dict[str, tuple[ResponseVariation, ...]] = {}
    for name, variations in raw.items():
        name = str(name)
        line = line_of(raw, name)
        if not isinstance(variations, list) or not variations:
            problems.append(
                Problem(
                    path,
                    line,
                    f"response '{name}' must be a non-empty list of variations ('- text: ...')",
                )
            )
            continue
        parsed = []
        for i, item in enumerate(variations):
            variation = _variation(item, name, path, line_of(variations, i), problems)
            if variation is not None:
                parsed.append(variation)
        out[name] = tuple(parsed)
    return out


def _variation(
    item: Any,
    name: str,
    path: str,
    line: int | None,
    problems: list[Problem],
) -> ResponseVariation | None:
    if not isinstance(item, dict):
        problems.append(
            Problem(
                path,
                line,
                f"response '{name}': a variation must be a mapping "
                f"such as '- text: ...', not {type_name(item)}",
            )
        )
        return None
    if not any(item.get(k) is not None for k in _RESPONSE_CONTENT):
        unknown = sorted(str(k) for k in item if k not in _RESPONSE_KEYS)
        extra = f" (unknown keys: {', '.join(unknown)})" if unknown else ""
        problems.append(
            Problem(
                path,
                line,
                f"response '{name}' has no 'text', 'custom', 'image' or 'buttons'{extra}",
            )
        )
        return None
    conditions = []
    for cond in item.get("condition") or ():
        if not isinstance(cond, dict) or "name" not in cond:
            problems.append(
                Problem(
                    path,
                    line,
                    f"response '{name}': a condition must be '- type: slot, name: ..., value: ...'",
                )
            )
            continue
        conditions.append(
            ResponseCondition(str(cond.get("type", "slot")), str(cond["name"]), cond.get("value"))
        )
    text = item.get("text")
    custom = item.get("custom")
    metadata = item.get("metadata")
    return ResponseVariation(
        text=str(text) if text is not None else None,
        buttons=_buttons(item.get("buttons"), name, path, line, problems),
        image=_opt_str(item.get("image")),
        custom=dict(custom) if isinstance(custom, dict) else None,
        attachment=item.get("attachment"),
        elements=item.get("elements"),
        quick_replies=_buttons(item.get("quick_replies"), name, path, line, problems),
        channel=_opt_str(item.get("channel")),
        conditions=tuple(conditions),
        metadata=dict(metadata) if isinstance(metadata, dict) else {},
        button_type=_opt_str(item.get("button_type")),
    )


def _buttons(
    raw: Any,
    name: str,
    path: str,
    line: int | None,
    problems: list[Problem],
) -> tuple[Button, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        problems.append(Problem(path, line, f"response '{name}': buttons must be a list"))
        return ()
    out = []
    for i, button in enumerate(raw):
        if not isinstance(button, dict):
            problems.append(
                Problem(
                    path,
                    line_of(raw, i, line),
                    f"response '{name}': a button must be a mapping with 'title' and 'payload'",
                )
            )
            continue
        out.append(Button(str(button.get("title", "")), str(button.get("payload", ""))))
    return tuple(out)


def _categorical(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _names(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    return (str(value),)
