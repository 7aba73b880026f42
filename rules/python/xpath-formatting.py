def find(tree, name):
    # ruleid: xpath-formatting
    a = tree.xpath(f"//user[name='{name}']")
    # ruleid: xpath-formatting
    b = tree.findall("./user[@id='" + name + "']")
    # ok: xpath-formatting
    c = tree.xpath("//user[name=$name]", name=name)
    return a, b, c
