"""The lake's tables as data: their schemas (the contract) and the builders of their rows."""
