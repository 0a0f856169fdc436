# ---------------------------------------------------------------- native accelerators

# Like CPython's _asyncio C module: pyish implements the hot Future, Task and loop
# methods natively, with the same logic on the same attributes as the Python code
# above (which still runs wherever the accelerators are absent, e.g. under CPython).
if hasattr(_pyish_loop, 'install'):
    _pyish_loop.install(Handle, TimerHandle, _PENDING, _CANCELLED, _FINISHED,
                        CancelledError, InvalidStateError, _current_tasks,
                        Future.set_exception,
                        _pyish_loop.loop_call_soon,
                        BaseEventLoop._timer_handle_cancelled,
                        BaseEventLoop.get_debug)
    Future.__init__ = _pyish_loop.future_init
    BaseEventLoop.create_future = _pyish_loop.loop_create_future
    Future.done = _pyish_loop.future_done
    Future.cancelled = _pyish_loop.future_cancelled
    Future.result = _pyish_loop.future_result
    Future.add_done_callback = _pyish_loop.future_add_done_callback
    Future.set_result = _pyish_loop.future_set_result
    Future.cancel = _pyish_loop.future_cancel
    Future.__await__ = _pyish_loop.future_await
    Future.__iter__ = _pyish_loop.future_await
    Task._step = _pyish_loop.task_step
    Task.task_wakeup = _pyish_loop.task_wakeup
    BaseEventLoop.call_soon = _pyish_loop.loop_call_soon
    BaseEventLoop.call_at = _pyish_loop.loop_call_at
    BaseEventLoop.call_later = _pyish_loop.loop_call_later
    BaseEventLoop._run_once = _pyish_loop.loop_run_once
    Future.exception = _pyish_loop.future_exception
    Task.__init__ = _pyish_loop.task_init
    BaseEventLoop.create_task = _pyish_loop.loop_create_task
    _Sleep0.__await__ = _pyish_loop.sleep0_await
    Handle.cancel = _pyish_loop.handle_cancel
    TimerHandle.cancel = _pyish_loop.timer_cancel
    _set_result_unless_cancelled = _pyish_loop.set_result_unless_cancelled
    create_task = _pyish_loop.create_task
    gather = _pyish_loop.gather
    _register_task = _pyish_loop.register_task
    _unregister_task = _pyish_loop.unregister_task
    _tasks_list = _pyish_loop.tasks_list
if hasattr(_pyish_loop, 'install_queues'):
    # Recognised on a queue's class: a subclass that overrides one is called.
    _pyish_loop.install_queues(Queue.full, Queue.empty, Queue._put, Queue._get,
                               Queue._wakeup_next, Event.clear, Future.done,
                               Future.set_result, QueueEmpty, QueueFull)
    Queue.put_nowait = _pyish_loop.queue_put_nowait
    Queue.get_nowait = _pyish_loop.queue_get_nowait
    Queue.full = _pyish_loop.queue_full
    Queue.empty = _pyish_loop.queue_empty
