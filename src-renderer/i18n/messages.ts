import { formatNumber, formattersFor, pluralCategory, type Formatters, type Locale } from './format';

/** A message that depends on a count: chosen with Intl.PluralRules; `zero` (optional) wins for 0. */
export interface Plural {
  readonly zero?: string;
  readonly one: string;
  readonly other: string;
}

/** A message computed from typed parameters (for texts a template cannot say). */
export type MessageFn<P> = (params: P, f: Formatters) => string;

/** One UI text: a template with {placeholders}, a plural, or a function of typed parameters. */
export type Message = string | Plural | MessageFn<never>;

/** The placeholder names in a template literal type: 'Jahresbericht {year}' → 'year'. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** A value for a placeholder: numbers are formatted in the language (1.234,5). */
export type ParamValue = string | number;

/** The parameters a message needs. */
export type ParamsOf<M> = M extends string
  ? { [K in Placeholders<M>]: ParamValue }
  : M extends Plural
    ? { count: number } & { [K in Exclude<Placeholders<M['one'] | M['other']>, 'count'>]: ParamValue }
    : M extends MessageFn<infer P>
      ? P
      : never;

/** The arguments after the key: none for a message without placeholders, else its parameters. */
export type ArgsOf<M> = [keyof ParamsOf<M>] extends [never] ? [] : [params: ParamsOf<M>];

/** A typed translate function over one dictionary. */
export type Translate<D> = <K extends keyof D & string>(key: K, ...args: ArgsOf<D[K]>) => string;

/** The shape a second language must have: every key, plurals where German has plurals, same functions. */
export type Translation<D> = {
  readonly [K in keyof D]: D[K] extends string ? string : D[K] extends Plural ? Plural : D[K];
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type PlaceholdersOfMessage<M> = M extends string ? Placeholders<M> : M extends Plural ? Placeholders<M['one'] | M['other']> : never;

/** Fails the typecheck where a translation's placeholders differ from the German message's. */
export type SamePlaceholders<D, E> = {
  readonly [K in keyof D]: K extends keyof E
    ? Same<PlaceholdersOfMessage<D[K]>, PlaceholdersOfMessage<E[K]>> extends true
      ? unknown
      : `placeholders differ from German: ${PlaceholdersOfMessage<D[K]> & string}`
    : unknown;
};

/** A feature's messages in both languages, German first. */
export interface MessageBundle<D> {
  readonly de: D;
  readonly en: Translation<D>;
}

/**
 * Declares a feature's messages: German as written (literal types give the placeholders), English
 * checked against it. A missing English key, a plural where German has none, or a different set of
 * placeholders fails the typecheck.
 */
export function defineMessages<const D extends Record<string, Message>, const E extends Translation<D>>(de: D, en: E & SamePlaceholders<D, E>): MessageBundle<D> {
  return { de, en };
}

function fillTemplate(template: string, params: Record<string, unknown>, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => {
    const value = params[key];
    if (typeof value === 'number') {
      return formatNumber(value, locale);
    }
    return typeof value === 'string' ? value : match;
  });
}

/** Renders one message in a language with its parameters. */
export function formatMessage(message: Message, params: Record<string, unknown>, locale: Locale): string {
  if (typeof message === 'string') {
    return fillTemplate(message, params, locale);
  }
  if (typeof message === 'function') {
    return (message as MessageFn<Record<string, unknown>>)(params, formattersFor(locale));
  }
  const count = typeof params['count'] === 'number' ? params['count'] : 0;
  const category = pluralCategory(count, locale);
  const template = count === 0 && message.zero !== undefined ? message.zero : category === 'one' ? message.one : message.other;
  return fillTemplate(template, params, locale);
}

/** A translate function over a bundle (and a fallback bundle, e.g. the shared messages). */
export function translator<D, F>(locale: Locale, bundle: MessageBundle<D>, fallback?: MessageBundle<F>): Translate<D & F> {
  const own = bundle[locale] as Record<string, Message | undefined>;
  const shared = (fallback?.[locale] ?? {}) as Record<string, Message | undefined>;
  return ((key: string, params: Record<string, unknown> = {}) => {
    const message = own[key] ?? shared[key];
    return message === undefined ? key : formatMessage(message, params, locale);
  }) as Translate<D & F>;
}
