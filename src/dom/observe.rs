//! Observation: ONE MutationObserver whose callback only queues; the work runs once per
//! animation frame (the uBlock Origin pattern). Guards disconnect on drop.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{MutationObserver, MutationObserverInit, Node};

/// Owns the observer and its callbacks; dropping it disconnects and cancels.
pub struct Observer {
    observer: MutationObserver,
    _on_mutation: Closure<dyn FnMut()>,
    _on_frame: Rc<Closure<dyn FnMut()>>,
}

impl Drop for Observer {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Observes `root` (subtree: children, and the aria-labels/hrefs X updates in place) and
/// calls `flush` at most once per animation frame after any change. `flush` also runs once
/// right away on the next frame.
pub fn observe(root: &Node, flush: impl FnMut() + 'static) -> Option<Observer> {
    let window = web_sys::window()?;
    let pending = Rc::new(Cell::new(false));
    let mut flush = flush;
    let on_frame = {
        let pending = pending.clone();
        Rc::new(Closure::<dyn FnMut()>::new(move || {
            pending.set(false);
            flush();
        }))
    };
    let schedule = {
        let pending = pending.clone();
        let on_frame = on_frame.clone();
        let window = window.clone();
        move || {
            if !pending.replace(true) {
                let f: &js_sys::Function = (*on_frame).as_ref().unchecked_ref();
                let _ = window.request_animation_frame(f);
            }
        }
    };
    schedule();
    let on_mutation = {
        let schedule = schedule.clone();
        Closure::<dyn FnMut()>::new(schedule)
    };
    let observer = MutationObserver::new(on_mutation.as_ref().unchecked_ref()).ok()?;
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    init.set_attributes(true);
    let filter = js_sys::Array::of2(&"aria-label".into(), &"href".into());
    init.set_attribute_filter(&filter);
    observer.observe_with_options(root, &init).ok()?;
    Some(Observer {
        observer,
        _on_mutation: on_mutation,
        _on_frame: on_frame,
    })
}
