enum _PlaceholderCharterCommands {}
