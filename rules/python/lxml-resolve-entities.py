from lxml import etree


def parsers():
    # ruleid: lxml-resolve-entities
    a = etree.XMLParser(resolve_entities=True)
    # ruleid: lxml-resolve-entities
    b = etree.XMLParser(load_dtd=True, huge_tree=False)
    # ok: lxml-resolve-entities
    c = etree.XMLParser(resolve_entities=False)
    return a, b, c
