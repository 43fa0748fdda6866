"""Analytics over logged training: progress, volume, recovery, adherence, suggestions, adaptation."""
