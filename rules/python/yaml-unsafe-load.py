import yaml
from yaml import SafeLoader


def read(text, stream):
    # ruleid: yaml-unsafe-load
    a = yaml.load(text)
    # ruleid: yaml-unsafe-load
    b = yaml.load(text, Loader=yaml.Loader)
    # ruleid: yaml-unsafe-load
    c = yaml.unsafe_load(stream)
    # ruleid: yaml-unsafe-load
    docs = list(yaml.load_all(stream, Loader=yaml.UnsafeLoader))
    # ok: yaml-unsafe-load
    d = yaml.load(text, Loader=yaml.SafeLoader)
    # ok: yaml-unsafe-load
    e = yaml.load(text, Loader=SafeLoader)
    # ok: yaml-unsafe-load
    f = yaml.safe_load(text)
    return a, b, c, d, e, f, docs
