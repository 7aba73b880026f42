using System.Xml;

class Importer
{
    void Load(string xml)
    {
        var doc = new XmlDocument();
        // ruleid: xml-external-entities
        doc.XmlResolver = new XmlUrlResolver();
        // ruleid: xml-external-entities
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse };
        // ok: xml-external-entities
        var safe = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit };
        // ok: xml-external-entities
        doc.XmlResolver = null;
        doc.LoadXml(xml);
    }
}
