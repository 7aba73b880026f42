using System.Xml;

class Users
{
    XmlNode Find(XmlDocument doc, string name)
    {
        // ruleid: xpath-injection
        var a = doc.SelectSingleNode("//user[@name='" + name + "']");
        // ruleid: xpath-injection
        var b = doc.SelectNodes($"//user[@role='{name}']");
        // ok: xpath-injection
        var c = doc.SelectNodes("//user[@active='true']");
        return a;
    }
}
