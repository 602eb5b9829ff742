"""Demo data of retention (a late seeder). OWNED BY THE FILES HELPER."""


def seed(*args, **kwargs):
    return None
