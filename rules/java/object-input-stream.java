import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

class Loader {
    Object load(InputStream in) throws Exception {
        // ruleid: object-input-stream
        ObjectInputStream ois = new ObjectInputStream(in);
        return ois.readObject();
    }

    Object loadFiltered(InputStream in) throws Exception {
        // ok: object-input-stream
        ObjectInputStream ois = new ObjectInputStream(in);
        ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.*;!*"));
        return ois.readObject();
    }
}
