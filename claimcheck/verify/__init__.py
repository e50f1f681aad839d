"""From retrieved evidence to a draft verdict: quoting, number checks, stance, the verdict policy."""
