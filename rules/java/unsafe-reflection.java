class Plugins {
    Object load(String name) throws Exception {
        // ruleid: unsafe-reflection
        Class<?> c = Class.forName(name);
        // ok: unsafe-reflection
        Class.forName("org.postgresql.Driver");
        return c;
    }
}
