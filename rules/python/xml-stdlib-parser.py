import xml.dom.minidom
import xml.etree.ElementTree as ET

import defusedxml.ElementTree


def read(body, path):
    # ruleid: xml-stdlib-parser
    ET.fromstring(body)
    # ruleid: xml-stdlib-parser
    xml.dom.minidom.parseString(body)
    # ok: xml-stdlib-parser
    defusedxml.ElementTree.fromstring(body)
