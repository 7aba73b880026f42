import org.springframework.expression.ExpressionParser;

class Sorting {
    Object sort(ExpressionParser parser, String field) {
        // ruleid: spel-injection
        Object a = parser.parseExpression(field).getValue();
        // ruleid: spel-injection
        Object b = parser.parseExpression("name." + field).getValue();
        // ok: spel-injection
        return parser.parseExpression("name").getValue();
    }
}
