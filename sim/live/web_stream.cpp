#include "sim/live/web_stream.h"

#include <cmath>
#include <numbers>

#include "sim/report/json_writer.h"
#include "sim/report/palette.h"
#include "sim/report/run_report.h"

namespace cablesim {

WebLayout CircleLayout(std::size_t stations, std::string how) {
  WebLayout l;
  l.how = std::move(how);
  const double radius = 2.0 + static_cast<double>(stations) / 8.0;
  for (std::size_t i = 0; i < stations; ++i) {
    const double angle = 2 * std::numbers::pi * static_cast<double>(i) /
                         static_cast<double>(std::max<std::size_t>(stations, 1));
    l.x.push_back(radius * (1 + std::cos(angle)));
    l.y.push_back(radius * (1 + std::sin(angle)));
    l.fill.emplace_back();
  }
  return l;
}

WebStream::WebStream(LiveRun& run, const Scenario& scenario, WebLayout layout, Limits limits)
    : run_(run), scenario_(scenario), layout_(std::move(layout)), limits_(limits) {
  const std::size_t n = run_.simulation().network().station_count();
  if (layout_.x.size() != n || layout_.y.size() != n) layout_ = CircleLayout(n, layout_.how);
  layout_.fill.resize(n);
}

void WebStream::set_active(bool active) {
  active_ = active;
  if (!active_) {
    events_.clear();
    omitted_ = 0;
  }
}

void WebStream::Send(const std::string& line) {
  if (!active_) return;
  if (events_.size() >= limits_.max_events) {
    ++omitted_;
    return;
  }
  events_.push_back(line);
}

std::string WebStream::Hello(double speed, bool paused) const {
  const Network& net = run_.simulation().network();
  JsonWriter w;
  w.BeginObject().Key("type").String("hello");
  w.Key("scenario").String(scenario_.name);
  w.Key("start").String(UtcTime(scenario_, SimTime()));
  w.Key("time").String(UtcTime(scenario_, run_.simulation().now()));
  w.Key("speed").Double(speed).Key("paused").Bool(paused);
  w.Key("layout").String(layout_.how);
  w.Key("precedences").BeginArray();
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) {
    w.String(PrecedenceName(static_cast<Precedence>(p)));
  }
  w.EndArray();
  w.Key("objectives_s").BeginArray();
  for (std::size_t p = 0; p < kPrecedenceCount; ++p) w.Double(scenario_.objectives[p].seconds());
  w.EndArray();
  w.Key("colours").BeginObject();  // the pictures' palette: each precedence's colour
  for (const PrecedencePaint& paint : kPrecedencePalette) {
    w.Key(PrecedenceName(paint.precedence)).String(paint.colour);
  }
  w.EndObject();
  w.Key("stations").BeginArray();
  for (StationId st = 0; st < net.station_count(); ++st) {
    const Station& s = net.station(st);
    w.BeginObject()
        .Key("ri")
        .String(s.ri)
        .Key("name")
        .String(s.name)
        .Key("kind")
        .String(StationKindName(s.kind))
        .Key("region")
        .String(s.region)
        .Key("operators")
        .Uint(s.operators)
        .Key("x")
        .Double(layout_.x[st])
        .Key("y")
        .Double(layout_.y[st])
        .Key("fill")
        .String(layout_.fill[st])
        .EndObject();
  }
  w.EndArray();
  // Link l joins stations a and b; its directions are channels 2l (a to b) and 2l + 1.
  w.Key("links").BeginArray();
  for (LinkId l = 0; l < net.link_count(); ++l) {
    const Link& k = net.link(l);
    w.BeginObject().Key("a").Uint(k.a).Key("b").Uint(k.b).Key("rate").Int(k.rate).EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.str();
}

std::string WebStream::Frame(double speed, bool paused, bool with_stats) {
  const RelaySimulation& sim = run_.simulation();
  const Network& net = sim.network();
  JsonWriter w;
  w.BeginObject().Key("type").String("frame").Key("seq").Uint(++seq_);
  w.Key("time").String(UtcTime(scenario_, sim.now()));
  w.Key("t_s").Double(sim.now().seconds());
  w.Key("speed").Double(speed).Key("paused").Bool(paused);
  w.Key("omitted").Uint(omitted_);
  // The events are JSON lines already: put in as they are.
  w.Key("events").BeginArray();
  for (const std::string& e : events_) w.Raw(e);
  w.EndArray();
  events_.clear();
  omitted_ = 0;
  // [channel, copies waiting by precedence (Precedence order)...] for the channels with any.
  w.Key("queues").BeginArray();
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    const auto q = sim.QueuedByPrecedence(c);
    bool any = false;
    for (const auto n : q) any = any || n > 0;
    if (!any) continue;
    w.BeginArray().Uint(c);
    for (const auto n : q) w.Uint(n);
    w.EndArray();
  }
  w.EndArray();
  w.Key("waiting").BeginArray();  // [station, copies waiting for an operator]
  for (StationId st = 0; st < net.station_count(); ++st) {
    if (const std::size_t n = sim.WaitingForOperator(st); n > 0) {
      w.BeginArray().Uint(st).Uint(n).EndArray();
    }
  }
  w.EndArray();
  w.Key("down_stations").BeginArray();
  for (StationId st = 0; st < net.station_count(); ++st) {
    if (sim.StationDown(st)) w.Uint(st);
  }
  w.EndArray();
  w.Key("down_channels").BeginArray();
  for (ChannelId c = 0; c < net.channel_count(); ++c) {
    if (sim.ChannelDown(c)) w.Uint(c);
  }
  w.EndArray();
  const Conservation c = sim.Count();
  w.Key("conservation").BeginObject();
  WriteConservationKeys(c, &w);
  w.EndObject();
  if (with_stats) w.Key("stats").Raw(run_.Stats());
  w.EndObject();
  return w.str();
}

}  // namespace cablesim
