#include "sim/report/json_writer.h"

#include <doctest/doctest.h>

#include <limits>

using cablesim::JsonWriter;

TEST_CASE("objects, arrays and escapes") {
  JsonWriter w;
  w.BeginObject()
      .Key("a")
      .Int(-3)
      .Key("b")
      .String("q\"u\\o\nte")
      .Key("c")
      .BeginArray()
      .Double(0.1)
      .Bool(true)
      .Null()
      .EndArray()
      .Key("d")
      .BeginObject()
      .EndObject()
      .EndObject();
  CHECK(w.str() == R"({"a":-3,"b":"q\"u\\o\nte","c":[0.1,true,null],"d":{}})");
}

TEST_CASE("non-finite doubles become null") {
  JsonWriter w;
  w.BeginArray().Double(std::numeric_limits<double>::infinity()).EndArray();
  CHECK(w.str() == "[null]");
}

TEST_CASE("indented output puts one member per line") {
  JsonWriter w(2);
  w.BeginObject().Key("x").Int(1).Key("y").BeginArray().Int(2).EndArray().EndObject();
  CHECK(w.str() == "{\n  \"x\": 1,\n  \"y\": [\n    2\n  ]\n}");
}
