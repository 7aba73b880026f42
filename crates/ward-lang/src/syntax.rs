//! The node kinds of each grammar that a language-independent matcher must tell apart.

use crate::Lang;

/// Node kinds of one grammar, grouped by the role they play for a matcher. Kinds not listed
/// are compared structurally (same kind, matching children).
#[derive(Debug)]
pub struct Syntax {
    /// Comments: never matter to a match.
    pub comments: &'static [&'static str],
    /// String literals, compared by value whatever the quoting.
    pub strings: &'static [&'static str],
    /// Argument lists of calls, where `...` spans arguments and keyword arguments match in any
    /// order.
    pub argument_lists: &'static [&'static str],
    /// Keyword (named) arguments: `name=value`.
    pub keyword_arguments: &'static [&'static str],
    /// Calls, with the field holding the callee and the field holding the arguments.
    pub calls: &'static [(&'static str, &'static str, &'static str)],
    /// Member accesses (`a.b`), with the object field and the member field.
    pub members: &'static [(&'static str, &'static str, &'static str)],
    /// Identifier-like leaves (names of variables, properties, packages).
    pub identifiers: &'static [&'static str],
    /// Statement wrappers around a single expression (`expression_statement`).
    pub expression_statements: &'static [&'static str],
    /// Function-like nodes: the units of intraprocedural data flow.
    pub functions: &'static [&'static str],
    /// Assignments and declarations, with the target field and the value field.
    pub assignments: &'static [(&'static str, &'static str, &'static str)],
    /// Statement sequences (a module, a block), where a pattern of several statements matches
    /// consecutive statements.
    pub blocks: &'static [&'static str],
    /// Return statements.
    pub returns: &'static [&'static str],
    /// Parameter lists of function-like nodes.
    pub parameter_lists: &'static [&'static str],
    /// Text placed around a pattern so that the grammar accepts it, and the node kind whose
    /// children are the pattern's statements (empty: the pattern is parsed as it is).
    pub pattern_prefix: &'static str,
    pub pattern_suffix: &'static str,
    pub pattern_body: &'static str,
}

impl Syntax {
    pub fn is_comment(&self, kind: &str) -> bool {
        self.comments.contains(&kind)
    }
    pub fn is_string(&self, kind: &str) -> bool {
        self.strings.contains(&kind)
    }
    pub fn is_argument_list(&self, kind: &str) -> bool {
        self.argument_lists.contains(&kind)
    }
    pub fn is_keyword_argument(&self, kind: &str) -> bool {
        self.keyword_arguments.contains(&kind)
    }
    pub fn is_identifier(&self, kind: &str) -> bool {
        self.identifiers.contains(&kind)
    }
    pub fn is_block(&self, kind: &str) -> bool {
        self.blocks.contains(&kind)
    }
    pub fn is_function(&self, kind: &str) -> bool {
        self.functions.contains(&kind)
    }
    /// The (object, member) fields of a member-access kind.
    pub fn member_fields(&self, kind: &str) -> Option<(&'static str, &'static str)> {
        self.members
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map(|&(_, object, member)| (object, member))
    }
    /// The (callee, arguments) fields of a call kind.
    pub fn call_fields(&self, kind: &str) -> Option<(&'static str, &'static str)> {
        self.calls
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map(|&(_, callee, args)| (callee, args))
    }
    /// The (target, value) fields of an assignment kind.
    pub fn assignment_fields(&self, kind: &str) -> Option<(&'static str, &'static str)> {
        self.assignments
            .iter()
            .find(|(k, _, _)| *k == kind)
            .map(|&(_, target, value)| (target, value))
    }
}

const JS_LIKE: Syntax = Syntax {
    comments: &["comment", "html_comment"],
    strings: &["string", "template_string"],
    argument_lists: &["arguments"],
    keyword_arguments: &[],
    calls: &[
        ("call_expression", "function", "arguments"),
        ("new_expression", "constructor", "arguments"),
    ],
    members: &[("member_expression", "object", "property")],
    identifiers: &[
        "identifier",
        "property_identifier",
        "shorthand_property_identifier",
        "shorthand_property_identifier_pattern",
        "type_identifier",
    ],
    expression_statements: &["expression_statement"],
    functions: &[
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    ],
    assignments: &[
        ("assignment_expression", "left", "right"),
        ("augmented_assignment_expression", "left", "right"),
        ("variable_declarator", "name", "value"),
    ],
    blocks: &[
        "program",
        "statement_block",
        "switch_case",
        "switch_default",
        "class_body",
    ],
    returns: &["return_statement"],
    parameter_lists: &["formal_parameters"],
    pattern_prefix: "",
    pattern_suffix: "",
    pattern_body: "",
};

static PYTHON: Syntax = Syntax {
    comments: &["comment"],
    strings: &["string"],
    argument_lists: &["argument_list"],
    keyword_arguments: &["keyword_argument"],
    calls: &[("call", "function", "arguments")],
    members: &[("attribute", "object", "attribute")],
    identifiers: &["identifier"],
    expression_statements: &["expression_statement"],
    functions: &["function_definition", "lambda"],
    assignments: &[
        ("assignment", "left", "right"),
        ("augmented_assignment", "left", "right"),
    ],
    blocks: &["module", "block"],
    returns: &["return_statement"],
    parameter_lists: &["parameters", "lambda_parameters"],
    pattern_prefix: "",
    pattern_suffix: "",
    pattern_body: "",
};

static JAVASCRIPT: Syntax = JS_LIKE;

static GO: Syntax = Syntax {
    comments: &["comment"],
    strings: &["interpreted_string_literal", "raw_string_literal"],
    argument_lists: &["argument_list"],
    keyword_arguments: &[],
    calls: &[("call_expression", "function", "arguments")],
    members: &[("selector_expression", "operand", "field")],
    identifiers: &[
        "identifier",
        "field_identifier",
        "package_identifier",
        "type_identifier",
    ],
    expression_statements: &["expression_statement"],
    functions: &["function_declaration", "method_declaration", "func_literal"],
    assignments: &[
        ("assignment_statement", "left", "right"),
        ("short_var_declaration", "left", "right"),
    ],
    blocks: &["block", "source_file", "statement_list"],
    returns: &["return_statement"],
    parameter_lists: &["parameter_list"],
    pattern_prefix: "package ward\nfunc ward() {\n",
    pattern_suffix: "\n}\n",
    pattern_body: "block",
};

static JAVA: Syntax = Syntax {
    comments: &["line_comment", "block_comment"],
    strings: &["string_literal"],
    argument_lists: &["argument_list"],
    keyword_arguments: &[],
    calls: &[
        ("method_invocation", "name", "arguments"),
        ("object_creation_expression", "type", "arguments"),
    ],
    members: &[("field_access", "object", "field")],
    identifiers: &["identifier", "type_identifier"],
    expression_statements: &["expression_statement"],
    functions: &[
        "method_declaration",
        "constructor_declaration",
        "lambda_expression",
    ],
    assignments: &[
        ("assignment_expression", "left", "right"),
        ("variable_declarator", "name", "value"),
    ],
    blocks: &[
        "block",
        "program",
        "class_body",
        "constructor_body",
        "switch_block_statement_group",
    ],
    returns: &["return_statement"],
    parameter_lists: &["formal_parameters"],
    pattern_prefix: "class Ward { void ward() {\n",
    pattern_suffix: "\n} }\n",
    pattern_body: "block",
};

static RUBY: Syntax = Syntax {
    comments: &["comment"],
    strings: &["string"],
    argument_lists: &["argument_list"],
    // `redirect_to url, allow_other_host: true`: options are pairs of the argument list.
    keyword_arguments: &["pair"],
    // `recv.meth(args)`, `meth args`: the method name stands for the callee. A call without
    // arguments (`params.permit!`) is matched structurally; Ruby has no import aliases to follow.
    calls: &[("call", "method", "arguments")],
    members: &[],
    identifiers: &[
        "identifier",
        "constant",
        "instance_variable",
        "class_variable",
        "global_variable",
    ],
    expression_statements: &[],
    functions: &["method", "singleton_method", "lambda", "block", "do_block"],
    assignments: &[
        ("assignment", "left", "right"),
        ("operator_assignment", "left", "right"),
    ],
    blocks: &[
        "program",
        "body_statement",
        "block_body",
        "then",
        "else",
        "begin",
        "parenthesized_statements",
    ],
    returns: &["return"],
    parameter_lists: &["method_parameters", "block_parameters", "lambda_parameters"],
    pattern_prefix: "",
    pattern_suffix: "",
    pattern_body: "",
};

static PHP: Syntax = Syntax {
    // The `<?php` tag never matters to a match either.
    comments: &["comment", "php_tag"],
    strings: &["string", "encapsed_string", "heredoc", "nowdoc"],
    argument_lists: &["arguments"],
    keyword_arguments: &[],
    calls: &[
        ("function_call_expression", "function", "arguments"),
        ("member_call_expression", "name", "arguments"),
        ("nullsafe_member_call_expression", "name", "arguments"),
        ("scoped_call_expression", "name", "arguments"),
    ],
    members: &[("member_access_expression", "object", "name")],
    identifiers: &["name", "variable_name"],
    expression_statements: &["expression_statement"],
    functions: &[
        "function_definition",
        "method_declaration",
        "anonymous_function",
        "arrow_function",
    ],
    assignments: &[
        ("assignment_expression", "left", "right"),
        ("augmented_assignment_expression", "left", "right"),
    ],
    blocks: &[
        "program",
        "compound_statement",
        "declaration_list",
        "case_statement",
        "default_statement",
        "colon_block",
    ],
    returns: &["return_statement"],
    parameter_lists: &["formal_parameters"],
    pattern_prefix: "<?php\n",
    pattern_suffix: "\n",
    pattern_body: "",
};

static CSHARP: Syntax = Syntax {
    comments: &["comment"],
    strings: &[
        "string_literal",
        "verbatim_string_literal",
        "raw_string_literal",
        "interpolated_string_expression",
    ],
    argument_lists: &["argument_list"],
    keyword_arguments: &[],
    calls: &[
        ("invocation_expression", "function", "arguments"),
        ("object_creation_expression", "type", "arguments"),
    ],
    members: &[("member_access_expression", "expression", "name")],
    identifiers: &["identifier"],
    expression_statements: &["expression_statement"],
    functions: &[
        "method_declaration",
        "constructor_declaration",
        "local_function_statement",
        "lambda_expression",
        "anonymous_method_expression",
    ],
    assignments: &[
        ("assignment_expression", "left", "right"),
        // `var x = v`: the value has no field (ward-sast finds it after `=`).
        ("variable_declarator", "name", "value"),
    ],
    blocks: &[
        "block",
        "compilation_unit",
        "declaration_list",
        "switch_section",
    ],
    returns: &["return_statement"],
    parameter_lists: &["parameter_list"],
    pattern_prefix: "class Ward { void ward() {\n",
    pattern_suffix: "\n} }\n",
    pattern_body: "block",
};

static RUST: Syntax = Syntax {
    comments: &["line_comment", "block_comment"],
    strings: &["string_literal", "raw_string_literal"],
    argument_lists: &["arguments"],
    keyword_arguments: &[],
    calls: &[("call_expression", "function", "arguments")],
    // `a.b` and paths `std::mem::transmute` (dotted as `std.mem.transmute`).
    members: &[
        ("field_expression", "value", "field"),
        ("scoped_identifier", "path", "name"),
    ],
    identifiers: &["identifier", "field_identifier", "type_identifier"],
    expression_statements: &["expression_statement"],
    functions: &["function_item", "closure_expression"],
    assignments: &[
        ("assignment_expression", "left", "right"),
        ("compound_assignment_expr", "left", "right"),
        ("let_declaration", "pattern", "value"),
    ],
    blocks: &["block", "source_file"],
    returns: &["return_expression"],
    parameter_lists: &["parameters", "closure_parameters"],
    pattern_prefix: "fn ward() {\n",
    pattern_suffix: "\n}\n",
    pattern_body: "block",
};

pub(crate) fn of(lang: Lang) -> &'static Syntax {
    match lang {
        Lang::Python => &PYTHON,
        Lang::JavaScript | Lang::TypeScript | Lang::Tsx => &JAVASCRIPT,
        Lang::Go => &GO,
        Lang::Java => &JAVA,
        Lang::Ruby => &RUBY,
        Lang::Php => &PHP,
        Lang::CSharp => &CSHARP,
        Lang::Rust => &RUST,
    }
}
