use super::*;

const TEMPLATE: &str = "\
Parameters:
  Env:
    Type: String
    Default: prod
  Zones:
    Type: CommaDelimitedList
    Default: a, b
  Secret:
    Type: String
Mappings:
  Sizes:
    prod:
      Disk: 100
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, {Condition: IsDev}]
  Either: {\"Fn::Or\": [{\"Condition\": \"IsDev\"}, {\"Condition\": \"IsProd\"}]}
  Unknowable: !Equals [!Ref Secret, x]
  Loop: !Not [!Condition Loop]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
Values:
  sub: !Sub 'logs-${Env}-${!Literal}'
  sub_vars: !Sub ['${A}-${Env}', {A: x}]
  sub_unknown: !Sub '${AWS::AccountId}-logs'
  sub_attr: !Sub '${Bucket.Arn}/*'
  join: !Join ['-', [a, !Ref Env, c]]
  select: !Select [1, !Ref Zones]
  split: !Split [',', 'x,y']
  find: !FindInMap [Sizes, !Ref Env, Disk]
  if: !If [IsProd, big, small]
  if_unknown: !If [Unknowable, big, small]
  if_novalue: !If [IsDev, x, !Ref AWS::NoValue]
  ref_resource: !Ref Bucket
  getatt: !GetAtt Bucket.Arn
  getatt_long: {\"Fn::GetAtt\": [Bucket, Arn]}
  base64: !Base64 text
  import: !ImportValue shared
  azs: !GetAZs ''
  secret: !Ref Secret
  map: {a: 1, b: !Ref AWS::NoValue}
";

fn values() -> (Node, Vec<(String, Value)>) {
    let root = parse(TEMPLATE, false).unwrap();
    let template = Template::new(&root);
    let values = root
        .get("Values")
        .unwrap()
        .as_map()
        .iter()
        .map(|(k, v)| (k.as_str().unwrap().to_owned(), template.eval(v)))
        .collect();
    (root.clone(), values)
}

fn value(name: &str) -> Value {
    values()
        .1
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .unwrap()
}

fn text(s: &str) -> Value {
    Value::String(s.to_owned())
}

#[test]
fn intrinsics_evaluate_where_they_can() {
    assert_eq!(value("sub"), text("logs-prod-${Literal}"));
    assert_eq!(value("sub_vars"), text("x-prod"));
    assert_eq!(value("join"), text("a-prod-c"));
    assert_eq!(value("select"), text("b"));
    assert_eq!(value("split"), Value::List(vec![text("x"), text("y")]));
    assert_eq!(value("find"), Value::Number(100.0));
    assert_eq!(value("if"), text("big"));
    assert_eq!(value("if_novalue"), Value::Null);
    let map = value("map");
    assert_eq!(map.as_object().unwrap().len(), 1, "{map:?}");
}

#[test]
fn what_cannot_be_known_is_unknown_with_its_reference() {
    for name in [
        "sub_unknown",
        "sub_attr",
        "if_unknown",
        "ref_resource",
        "getatt",
        "getatt_long",
        "base64",
        "import",
        "azs",
        "secret",
    ] {
        assert!(value(name).is_unknown(), "{name}: {:?}", value(name));
    }
    assert_eq!(value("ref_resource").display(), "aws_s3_bucket.Bucket.id");
    assert_eq!(value("getatt").display(), "aws_s3_bucket.Bucket.Arn");
    assert_eq!(value("getatt_long").display(), "aws_s3_bucket.Bucket.Arn");
    assert_eq!(value("secret").display(), "!Ref Secret");
}

#[test]
fn conditions_evaluate_and_cycles_are_unknown() {
    let root = parse(TEMPLATE, false).unwrap();
    let template = Template::new(&root);
    assert_eq!(template.condition("IsProd"), Some(true));
    assert_eq!(template.condition("IsDev"), Some(false));
    assert_eq!(template.condition("Both"), Some(false));
    assert_eq!(template.condition("Either"), Some(true));
    assert_eq!(template.condition("Unknowable"), None);
    assert_eq!(template.condition("Loop"), None);
    assert_eq!(template.condition("Missing"), None);
}

#[test]
fn json_templates_read_like_yaml_with_their_lines() {
    let json = "{\n\t\"Resources\": {\n\t\t\"B\": {\n\t\t\t\"Type\": \"AWS::S3::Bucket\",\n\t\t\t\"Properties\": {\"AccessControl\": \"Public\\u0052ead\"}\n\t\t}\n\t}\n}\n";
    let root = parse(json, true).unwrap();
    let b = root.path(&["Resources", "B"]).unwrap();
    assert_eq!(b.span.start_line, 3);
    let acl = b.path(&["Properties", "AccessControl"]).unwrap();
    assert_eq!(acl.as_str(), Some("PublicRead"));
    assert_eq!(acl.span.start_line, 5);
}

#[test]
fn detection() {
    assert!(looks_like("AWSTemplateFormatVersion: 2010-09-09\n", false));
    assert!(looks_like(
        "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n",
        false
    ));
    assert!(!looks_like("Resources:\n  cpu: 1\n", false));
    assert!(!looks_like("apiVersion: v1\nkind: Pod\n", false));
    assert!(looks_like(
        r#"{"Resources":{"Q":{"Type":"AWS::SQS::Queue"}}}"#,
        true
    ));
    assert!(!looks_like(r#"{"name":"x"}"#, true));
    // A JSON file whose byte 4096 falls inside a character (translations, as TypeScript's
    // localized diagnostics have) is looked at, not a panic.
    for filler in ["é", "습"] {
        let mut text = String::from("{\"message\": \"");
        // Shifted so that a character crosses byte 4096.
        while (4096 - text.len()) % filler.len() == 0 {
            text.push(' ');
        }
        while text.len() < 4200 {
            text.push_str(filler);
        }
        text.push_str("\"}");
        assert!(!text.is_char_boundary(4096));
        assert!(!looks_like(&text, true));
    }
}
