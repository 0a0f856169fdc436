//! stub
use crate::interpreter::Interpreter;
use crate::runtime::PyResult;
use crate::value::Value;
/// stub
pub fn load(i: &mut Interpreter) -> PyResult<Value> {
    Ok(Value::Module(i.new_module("json")))
}
