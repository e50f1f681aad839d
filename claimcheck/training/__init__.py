"""How the shipped models were made: the verifier and its training pairs, the check-worthiness weights and
the claim filter.

`python -m claimcheck.training.verifier` trains, exports and evaluates the stance cross-encoder in
`claimcheck/data/verifier/` from the pairs of `verifier_data`; `python -m claimcheck.training.checkworthiness`
fits `claimcheck/data/checkworthiness.json`; `python -m claimcheck.training.claim_filter` fits
`claimcheck/data/claim_filter.json`. The runtime path (the CLI, the pipeline and the stages it
runs) never imports this package: it reads only the files these scripts write. Benchmarks and tests may
import it to score the shipped models with the trainers' own code.
"""
