"""Who may do what: route access rules, whose objects a person may touch, privacy, sessions, sanitising."""
