using Newtonsoft.Json;

class Settings
{
    JsonSerializerSettings Make()
    {
        // ruleid: json-type-name-handling
        var bad = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All };
        // ok: json-type-name-handling
        var good = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
        // ruleid: json-type-name-handling
        bad.TypeNameHandling = TypeNameHandling.Auto;
        return good;
    }
}
