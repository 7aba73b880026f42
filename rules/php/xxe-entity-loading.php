<?php
function import($xml)
{
    $doc = new DOMDocument();
    // ruleid: xxe-entity-loading
    $doc->loadXML($xml, LIBXML_NOENT | LIBXML_DTDLOAD);
    // ruleid: xxe-entity-loading
    $s = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NOENT);
    // ok: xxe-entity-loading
    $doc->loadXML($xml, LIBXML_NONET);
    // ok: xxe-entity-loading
    $t = simplexml_load_string($xml);
    return [$doc, $s, $t];
}
