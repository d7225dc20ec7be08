enum _PlaceholderCharterExtract {}
