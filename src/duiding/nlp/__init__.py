"""Language processing: language identification now; per-language backends (Frog for Dutch) next."""
