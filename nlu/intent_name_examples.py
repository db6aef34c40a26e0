"""Each intent's name, read as words, becomes one more training example of that intent.

``restaurant_reviews`` is trained as the text "restaurant reviews", ``AddToPlaylist`` as "add to
playlist", ``faq/ask_rules`` as "ask rules" (labelled ``faq/ask_rules``). Put the component first
in the pipeline, before the tokenizer, so every later component tokenizes and featurizes the
added examples like the others; entity taggers skip them (their entities were never marked).
They serve the training run only: the interpreter drops them when training ends, and nothing is
persisted but the (empty) options. Serving is untouched.

It helps where intent names are descriptive words, and costs where they are codes or carry a
shared prefix; measured on validation splits (BENCHMARKS.md, "Intent names as examples"):
CLINC150 +0.25 points (mean of five seeds), banking77 +0.5, ATIS -0.8. Off unless named in
config.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from assistant.shared import Domain, Message, TrainingData, TrainingExample
from nlu._options import OptionsOnly
from nlu.errors import NLUModelError

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = re.compile(r"[\s_\-.+#:]+")


def name_text(intent: str) -> str:
    """The words of an intent's name: the part after ``/`` of a retrieval intent, split at
    ``_ - . + # :`` and camel-case boundaries, lowercased."""
    name = intent.rsplit("/", 1)[-1]
    words = _SEPARATORS.split(_CAMEL.sub(" ", name))
    return " ".join(w.lower() for w in words if w)


class IntentNameExamples(OptionsOnly):
    name: ClassVar[str] = "intent_name_examples"

    @dataclass(frozen=True)
    class Options:
        pass

    options: Options

    def train(self, training_data: TrainingData, domain: Domain) -> None:
        """Append one example per intent (and a raw message for it) to the training data."""
        if any(m.tokens for m in training_data.messages):
            raise NLUModelError(
                f"{self.name} must come before the tokenizer in the pipeline: the examples it "
                "adds are tokenized and featurized by the components after it"
            )
        intents = sorted({e.intent for e in training_data.examples if e.intent})
        for intent in intents:
            text = name_text(intent)
            if text:
                training_data.examples.append(TrainingExample(text, intent, entities_marked=False))
                training_data.messages.append(Message(text=text))

    def process(self, messages: list[Message]) -> list[Message]:
        return messages
