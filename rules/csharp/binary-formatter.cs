using System.IO;
using System.Runtime.Serialization.Formatters.Binary;

class Loader
{
    object Load(Stream stream)
    {
        // ruleid: binary-formatter
        var formatter = new BinaryFormatter();
        // ruleid: binary-formatter
        var soap = new SoapFormatter();
        // ok: binary-formatter
        var json = System.Text.Json.JsonSerializer.Deserialize<Order>(stream);
        return formatter.Deserialize(stream);
    }
}
