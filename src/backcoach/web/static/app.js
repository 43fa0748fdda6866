// backcoach: small progressive enhancements (no framework).
