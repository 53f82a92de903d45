#!/usr/bin/env ruby
# Answers an ingest pipeline `_simulate` request (POST _ingest/pipeline/_simulate body on stdin) the way Elasticsearch
# does, without a cluster: grok runs on Onigmo, the regex engine Elasticsearch's Joni was ported from. Covers what
# `funasr-pipeline rules export --format elasticsearch` emits: grok (patterns, pattern_definitions, ignore_missing,
# ignore_failure, :int/:float), append (with `ctx.a?.b != null` conditions) and remove.
# Usage: tools/elasticsearch/simulate-pipeline.rb < request.json > answer.json
require 'json'
require 'time'

def expand(text, definitions, depth, groups)
  raise "pattern references nest deeper than 64" if depth > 64
  text.gsub(/%\{(\w+)(?::([^:}]+))?(?::(\w+))?\}/) do
    name, field, type = $1, $2, $3
    body = expand(definitions.fetch(name) { raise "pattern %{#{name}} is not defined" }, definitions, depth + 1, groups)
    next "(?:#{body})" unless field
    group = "g#{groups.size}"
    groups[group] = [field, type]
    "(?<#{group}>#{body})"
  end
end

def read_path(source, path) = path.split('.').reduce(source) { |node, key| node.is_a?(Hash) ? node[key] : nil }

def write_path(source, path, value)
  *parents, leaf = path.split('.')
  parents.reduce(source) { |node, key| node[key] ||= {} }[leaf] = value
end

def typed(value, type)
  case type
  when 'int', 'long' then Integer(value, 10)
  when 'float', 'double' then Float(value)
  else value
  end
end

def condition_holds?(condition, source)
  return true if condition.nil?
  match = /\Actx\.([\w.?]+) != null\z/.match(condition) or raise "unsupported condition: #{condition}"
  !read_path(source, match[1].delete('?')).nil?
end

def grok(config, source)
  text = read_path(source, config['field'])
  if text.nil?
    return if config['ignore_missing']
    raise "field [#{config['field']}] not present as part of path [#{config['field']}]"
  end
  definitions = config['pattern_definitions'] || {}
  config['patterns'].each do |pattern|
    groups = {}
    # Joni always compiles for UTF-8; an unfixed Ruby regexp would accept some patterns Joni refuses.
    regex = Regexp.new(expand(pattern, definitions, 0, groups).encode('UTF-8'), Regexp::FIXEDENCODING)
    match = regex.match(text) or next
    groups.each do |group, (field, type)|
      write_path(source, field, typed(match[group], type)) unless match[group].nil?
    end
    return
  end
  raise "Provided Grok expressions do not match field value: [#{text}]" unless config['ignore_failure']
end

def run(processors, source)
  processors.each do |processor|
    kind, config = processor.first
    next unless condition_holds?(config['if'], source)
    case kind
    when 'grok' then grok(config, source)
    when 'append'
      existing = Array(read_path(source, config['field']))
      added = Array(config['value'])
      added -= existing if config['allow_duplicates'] == false
      write_path(source, config['field'], existing + added)
    when 'remove'
      *parents, leaf = config['field'].split('.')
      parent = parents.empty? ? source : read_path(source, parents.join('.'))
      parent.delete(leaf) if parent.is_a?(Hash)
    else raise "processor [#{kind}] is not emulated"
    end
  end
end

request = JSON.parse($stdin.read)
processors = request.fetch('pipeline').fetch('processors')
now = Time.now.utc.iso8601(3)
docs = request.fetch('docs').map do |doc|
  source = doc.fetch('_source')
  run(processors, source)
  { 'doc' => { '_index' => doc['_index'] || '_index', '_id' => doc['_id'] || '_id', '_version' => '-3',
               '_source' => source, '_ingest' => { 'timestamp' => now } } }
rescue StandardError => e
  { 'error' => { 'type' => 'exception', 'reason' => e.message } }
end
puts JSON.generate({ 'docs' => docs })
