import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

class Json {
    void mappers() {
        ObjectMapper mapper = new ObjectMapper();
        // ruleid: jackson-default-typing
        mapper.enableDefaultTyping();
        // ok: jackson-default-typing
        mapper.activateDefaultTyping(BasicPolymorphicTypeValidator.builder().allowIfSubType("com.example.").build());
    }
}
