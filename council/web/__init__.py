"""The web shell every app's pages share: middleware, menus, page helpers, lists, KRDS forms, errors."""
