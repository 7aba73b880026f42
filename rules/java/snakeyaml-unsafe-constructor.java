import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class Config {
    Object read(String input) {
        // ruleid: snakeyaml-unsafe-constructor
        Object a = new Yaml().load(input);
        // ok: snakeyaml-unsafe-constructor
        Object b = new Yaml(new SafeConstructor(new LoaderOptions())).load(input);
        return a == null ? b : a;
    }
}
