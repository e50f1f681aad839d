"""From retrieved evidence to a draft verdict.

evidence (which passages and quotes are read) · quotes (exact substrings) · numbers (figure checks) ·
stance (the verifier model and which pairs it scores) · findings (the vocabulary: sources, signal names,
`Finding`) · assess (figures, negation, stance → a finding) · rules (the ordered verdict rules, `RULES`) ·
confidence (raw score) · calibration (raw score → accuracy) · rationale (the words) · policy (`judge`).
"""
