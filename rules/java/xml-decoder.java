import java.beans.XMLDecoder;
import java.io.InputStream;

class Settings {
    Object read(InputStream in) {
        // ruleid: xml-decoder
        XMLDecoder decoder = new XMLDecoder(in);
        return decoder.readObject();
    }
}
