enum _PlaceholderCharterFetch {}
