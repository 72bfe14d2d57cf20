/**
 * The RubyGems ecosystem: installed gem specifications and Bundler's {@code Gemfile.lock}. Gemspecs are Ruby, read
 * here as text with a small literal reader; nothing is ever evaluated.
 */
package io.plimsoll.ecosystem.ruby;
