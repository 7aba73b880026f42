import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;

class Calc {
    Object calc(String formula) throws Exception {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");
        // ruleid: script-engine-eval
        engine.eval("total = " + formula);
        // ok: script-engine-eval
        return engine.eval("1 + 1");
    }
}
