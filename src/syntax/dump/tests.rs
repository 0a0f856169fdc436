//! Dumps of hand-built trees, checked against `python3 -c 'print(ast.dump(ast.parse(SRC)))'`.

use super::dump;
use crate::source::Span;
use crate::syntax::ast::*;

fn e(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::default())
}

fn s(kind: StmtKind) -> Stmt {
    Stmt::new(kind, Span::default())
}

fn name(id: &str) -> Expr {
    e(ExprKind::Name(id.into()))
}

fn ident(id: &str) -> Ident {
    Ident { name: id.into(), span: Span::default() }
}

fn param(id: &str, default: Option<Expr>) -> Param {
    Param { name: ident(id), annotation: None, default }
}

fn field(value: Expr, debug: Option<&str>, conv: Option<char>, spec: Option<Vec<FStringPart>>) -> FStringPart {
    FStringPart::Field(Box::new(FormattedValue {
        value,
        debug_text: debug.map(Into::into),
        conversion: conv,
        spec,
        span: Span::default(),
    }))
}

fn module(body: Vec<Stmt>) -> Module {
    Module { body }
}

#[test]
fn assignment_targets_call_and_slices() {
    // a, *b = c[1:2, ::3] = f(1, *a, k=2.5, **kw)
    let slice = |lower, upper, step| e(ExprKind::Slice { lower, upper, step });
    let one = || Some(Box::new(e(ExprKind::Int(1))));
    let index = e(ExprKind::Tuple(vec![
        slice(one(), Some(Box::new(e(ExprKind::Int(2)))), None),
        slice(None, None, Some(Box::new(e(ExprKind::Int(3))))),
    ]));
    let targets = vec![
        e(ExprKind::Tuple(vec![name("a"), e(ExprKind::Starred(Box::new(name("b"))))])),
        e(ExprKind::Subscript { value: Box::new(name("c")), index: Box::new(index) }),
    ];
    let kw = |arg: Option<&str>, value| Keyword { arg: arg.map(ident), value, span: Span::default() };
    let value = e(ExprKind::Call {
        func: Box::new(name("f")),
        args: vec![e(ExprKind::Int(1)), e(ExprKind::Starred(Box::new(name("a"))))],
        keywords: vec![kw(Some("k"), e(ExprKind::Float(2.5))), kw(None, name("kw"))],
    });
    let got = dump(&module(vec![s(StmtKind::Assign { targets, value })]));
    let want = "Module(body=[Assign(targets=[Tuple(elts=[Name(id='a', ctx=Store()), Starred(value=Name(id='b', ctx=Store()), ctx=Store())], ctx=Store()), Subscript(value=Name(id='c', ctx=Load()), slice=Tuple(elts=[Slice(lower=Constant(value=1), upper=Constant(value=2)), Slice(step=Constant(value=3))], ctx=Load()), ctx=Store())], value=Call(func=Name(id='f', ctx=Load()), args=[Constant(value=1), Starred(value=Name(id='a', ctx=Load()), ctx=Load())], keywords=[keyword(arg='k', value=Constant(value=2.5)), keyword(value=Name(id='kw', ctx=Load()))]))], type_ignores=[])";
    assert_eq!(got, want);
}

#[test]
fn fstring_debug_text_conversion_and_nested_spec() {
    // f"a{x=}b{y!s:>{w}}"
    let spec = vec![FStringPart::Literal(">".into()), field(name("w"), None, None, None)];
    let parts = vec![
        FStringPart::Literal("a".into()),
        field(name("x"), Some("x="), None, None),
        FStringPart::Literal("b".into()),
        field(name("y"), None, Some('s'), Some(spec)),
    ];
    let got = dump(&module(vec![s(StmtKind::Expr(e(ExprKind::FString(parts))))]));
    let want = "Module(body=[Expr(value=JoinedStr(values=[Constant(value='ax='), FormattedValue(value=Name(id='x', ctx=Load()), conversion=114), Constant(value='b'), FormattedValue(value=Name(id='y', ctx=Load()), conversion=115, format_spec=JoinedStr(values=[Constant(value='>'), FormattedValue(value=Name(id='w', ctx=Load()), conversion=-1)]))]))], type_ignores=[])";
    assert_eq!(got, want);
}

#[test]
fn function_parameters_and_defaults() {
    // def f(a, b=1, /, c=2, *d, e, g=None, **h) -> int:
    //     return -a ** 2
    let params = Params {
        posonly: vec![param("a", None), param("b", Some(e(ExprKind::Int(1))))],
        args: vec![param("c", Some(e(ExprKind::Int(2))))],
        vararg: Some(param("d", None)),
        kwonly: vec![param("e", None), param("g", Some(e(ExprKind::None)))],
        kwarg: Some(param("h", None)),
    };
    let pow = e(ExprKind::BinOp { left: Box::new(name("a")), op: BinOp::Pow, right: Box::new(e(ExprKind::Int(2))) });
    let neg = e(ExprKind::UnaryOp { op: UnaryOp::USub, operand: Box::new(pow) });
    let def = FunctionDef {
        name: ident("f"),
        is_async: false,
        params,
        returns: Some(name("int")),
        body: vec![s(StmtKind::Return(Some(neg)))],
        decorators: vec![],
    };
    let got = dump(&module(vec![s(StmtKind::FunctionDef(Box::new(def)))]));
    let want = "Module(body=[FunctionDef(name='f', args=arguments(posonlyargs=[arg(arg='a'), arg(arg='b')], args=[arg(arg='c')], vararg=arg(arg='d'), kwonlyargs=[arg(arg='e'), arg(arg='g')], kw_defaults=[None, Constant(value=None)], kwarg=arg(arg='h'), defaults=[Constant(value=1), Constant(value=2)]), body=[Return(value=UnaryOp(op=USub(), operand=BinOp(left=Name(id='a', ctx=Load()), op=Pow(), right=Constant(value=2))))], decorator_list=[], returns=Name(id='int', ctx=Load()))], type_ignores=[])";
    assert_eq!(got, want);
}

#[test]
fn del_targets_relative_import_and_errors() {
    // del x.y, [z]
    // from .. import m as n
    let attr = e(ExprKind::Attribute { value: Box::new(name("x")), attr: ident("y") });
    let del = s(StmtKind::Delete(vec![attr, e(ExprKind::List(vec![name("z")]))]));
    let alias = Alias { name: "m".into(), asname: Some(ident("n")), span: Span::default() };
    let import = s(StmtKind::ImportFrom { module: None, level: 2, names: vec![alias] });
    let got = dump(&module(vec![del, import, s(StmtKind::Error), s(StmtKind::Expr(e(ExprKind::Error)))]));
    let want = "Module(body=[Delete(targets=[Attribute(value=Name(id='x', ctx=Load()), attr='y', ctx=Del()), List(elts=[Name(id='z', ctx=Del())], ctx=Del())]), ImportFrom(names=[alias(name='m', asname='n')], level=2), Error(), Expr(value=Error())], type_ignores=[])";
    assert_eq!(got, want);
}
