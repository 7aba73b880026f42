import importlib


def load(name):
    # ruleid: dynamic-import
    a = importlib.import_module(name)
    # ruleid: dynamic-import
    b = __import__("plugins." + name)
    # ok: dynamic-import
    c = importlib.import_module("json")
    return a, b, c
