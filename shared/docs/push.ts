// Kept so existing imports of the push logic stay valid; the code lives with the report model.
export * from './report/push';
